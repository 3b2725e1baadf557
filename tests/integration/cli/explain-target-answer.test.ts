/**
 * "How was this computed?" for the Target page reads the reverse plan the caller shows (the page's
 * answer, the CLI's printed answer) instead of solving it again: an answer sent with one winner's
 * N_act doubled and the price changed is explained with those figures, by hand from LAWS.md
 * (F_train = 6·N_act·D, H = F/(peak × u × 3600), $ = H × price); an answer that does not fit
 * plan.target's response schema is refused at its field; with no answer the plan is solved.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { cli, ctx } from './run-cli';

const PEAK = 989.4e12; // H100 SXM datasheet, dense bf16
const REQUEST = { goal: { kind: 'loss' as const, loss: 2.3 }, laws: ['joint' as const], experts: [1, 8], inferenceTokens: 2e12, hardwareId: 'h100-sxm', pricePerDeviceHour: 2.5, trainingUtilization: 0.45, inferenceUtilization: 0.3 };

type Design = { nAct: number; tokens: number };
type Winner = { objective: string; experts: number; design: Design };
type Answer = { laws: Array<{ law: string; coefficientSetId: string; winners: Winner[] }>; hardware: { pricePerDeviceHour: number | null } };
type Written = { explanations: Array<{ title: string; figure: string; rows: Array<{ symbol: string; raw: number }> }>; note: string | null };

async function value<T>(channel: string, request: unknown): Promise<T> {
  const r = await dispatch(handlers, ctx, channel as never, request as never);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('explain.figure plan.target reads the answer it is sent', () => {
  it('explains a perturbed answer’s figures, not the plan solved again', async () => {
    const answer = await value<Answer>('plan.target', REQUEST);
    const original = answer.laws[0]!.winners.find((w) => w.objective === 'trainingFlops')!;
    // The training-FLOPs winner's N_act doubled and the price doubled: solving again would give the original figures back.
    const perturbed: Answer = structuredClone(answer);
    const w = perturbed.laws[0]!.winners.find((x) => x.objective === 'trainingFlops')!;
    w.design.nAct = original.design.nAct * 2;
    perturbed.hardware.pricePerDeviceHour = 5;
    const x = await value<Written>('explain.figure', { channel: 'plan.target', request: REQUEST, answer: perturbed });
    const e = x.explanations.find((z) => z.title.startsWith(`Joint MoE law, cheapest in training FLOPs: E = ${w.experts},`))!;
    expect(e).toBeDefined();
    const raw = (s: string) => e.rows.find((r) => r.symbol === s)!.raw;
    const train = 6 * w.design.nAct * w.design.tokens;
    const hours = train / (PEAK * 0.45 * 3600) + (2 * w.design.nAct * REQUEST.inferenceTokens) / (PEAK * 0.3 * 3600);
    expect(rel(raw('F_train'), train)).toBeLessThan(1e-9);
    expect(rel(raw('H'), hours)).toBeLessThan(1e-9);
    expect(rel(raw('$'), hours * 5)).toBeLessThan(1e-9);
    // Every winner of the answer sent, and only those, is explained.
    expect(x.explanations.filter((z) => z.figure === 'target.design')).toHaveLength(perturbed.laws[0]!.winners.length);
  }, 60_000);

  it('with no answer sent (a caller holding only the request), solves the plan and explains its winners', async () => {
    const answer = await value<Answer>('plan.target', REQUEST);
    const x = await value<Written>('explain.figure', { channel: 'plan.target', request: REQUEST });
    const w = answer.laws[0]!.winners.find((z) => z.objective === 'trainingFlops')!;
    const e = x.explanations.find((z) => z.title.startsWith(`Joint MoE law, cheapest in training FLOPs: E = ${w.experts},`))!;
    expect(rel(e.rows.find((r) => r.symbol === 'F_train')!.raw, 6 * w.design.nAct * w.design.tokens)).toBeLessThan(1e-9);
  }, 60_000);

  it('refuses an answer that is not a plan.target response, names a set the store lacks, or answers another goal, at its field', async () => {
    const answer = await value<Answer>('plan.target', REQUEST);
    const broken = structuredClone(answer) as unknown as { laws: Array<{ winners: Array<{ design: Record<string, unknown> }> }> };
    delete broken.laws[0]!.winners[0]!.design.tokens;
    const bad = await dispatch(handlers, ctx, 'explain.figure' as never, { channel: 'plan.target', request: REQUEST, answer: broken } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request', path: ['answer', 'laws', 0, 'winners', 0, 'design', 'tokens'] } });
    const unknown = structuredClone(answer);
    unknown.laws[0]!.coefficientSetId = 'no-such-set';
    const missing = await dispatch(handlers, ctx, 'explain.figure' as never, { channel: 'plan.target', request: REQUEST, answer: unknown } as never);
    expect(missing).toMatchObject({ ok: false, error: { path: ['answer', 'laws', 0, 'coefficientSetId'] } });
    // An answer to another goal is not this request's.
    const other = await dispatch(handlers, ctx, 'explain.figure' as never, { channel: 'plan.target', request: { ...REQUEST, goal: { kind: 'loss', loss: 2.4 } }, answer } as never);
    expect(other).toMatchObject({ ok: false, error: { code: 'invalid-request', path: ['answer', 'goal'] } });
  }, 60_000);

  it('the CLI’s target --explain explains the answer it printed', async () => {
    const args = ['target', '--loss', '2.3', '--laws', 'joint', '--experts', '1,8', '--inference-tokens', '2e12', '--hardware', 'h100-sxm', '--price', '2.5'];
    const printed = JSON.parse((await cli(...args, '--json')).stdout) as Answer;
    const x = JSON.parse((await cli(...args, '--explain', '--json')).stdout) as Written;
    for (const w of printed.laws[0]!.winners) {
      const e = x.explanations.find((z) => z.title.includes(`: E = ${w.experts},`) && z.rows.some((r) => r.symbol === 'F_train' && rel(r.raw, 6 * w.design.nAct * w.design.tokens) < 1e-12));
      expect(e, `${w.objective}`).toBeDefined();
    }
  }, 60_000);
});
