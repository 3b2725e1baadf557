/**
 * "How was this computed?" for the Target page's "Cheapest design per law": each winner's serving
 * memory, training and lifetime FLOPs, device-hours and money, recomputed here from LAWS.md's
 * formulas alone: the paper-rule width from N_act (App. A: N_act = 2·V·d + 13·(d/64)·d², solved
 * by bisection here), N_total = 2·V·d + (4 + 9E)·(d/64)·d² (Eq. 9), serving memory = N_total × 2
 * bytes + T × (d/64) × 2d × 2 bytes (§1 Memory, MHA), 6·N·D and 2·N·D_inf, and §7's device-hours =
 * FLOPs / (peak × utilisation × 3600) with the H100 SXM datasheet's 989.4 TFLOPS and money =
 * device-hours × price. Through the contract, the CLI's --explain and the PDF appendix.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { cli, ctx } from './run-cli';
import { rawNotation } from '../../e2e/fixtures/planner-units';
import { openWorkspace, removeWorkspace } from '../../unit/reports/workspace';
import { pdfText } from '../reports/pdf-text';

const V = 50_257;
const PEAK = 989.4e12;
const REQUEST = { goal: { kind: 'loss' as const, loss: 2.3 }, laws: ['joint' as const, 'chinchilla' as const], experts: [1, 8, 32], inferenceTokens: 2e12, kvTokens: 16_384, hardwareId: 'h100-sxm', pricePerDeviceHour: 2.5, trainingUtilization: 0.45, inferenceUtilization: 0.3 };

async function value<T = Record<string, any>>(channel: string, request: unknown): Promise<T> {
  const r = await dispatch(handlers, ctx, channel as never, request as never);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

/** The width whose active count is N (bisection on a monotone cubic). */
function width(n: number): number {
  let lo = 1;
  let hi = 1e7;
  for (let i = 0; i < 200; i++) {
    const d = (lo + hi) / 2;
    if (2 * V * d + 13 * (d / 64) * d * d < n) lo = d;
    else hi = d;
  }
  return (lo + hi) / 2;
}

function expected(n: number, d: number, e: number) {
  const w = width(n);
  const nTotal = 2 * V * w + (4 + 9 * e) * (w / 64) * w * w;
  const serving = nTotal * 2 + REQUEST.kvTokens * (w / 64) * 2 * w * 2;
  const train = 6 * n * d;
  const inf = 2 * n * REQUEST.inferenceTokens;
  const hours = train / (PEAK * 0.45 * 3600) + inf / (PEAK * 0.3 * 3600);
  return { nTotal, serving, train, life: train + inf, hours, money: hours * 2.5 };
}

type Written = { title: string; figure: string; rows: Array<{ symbol: string; raw: number }> };
const close = (a: number, b: number) => expect(Math.abs(a / b - 1), `${a} vs ${b}`).toBeLessThan(1e-9);
const OBJECTIVE_WORDS = { trainingFlops: 'training FLOPs', servingMemory: 'serving memory', lifetimeFlops: 'lifetime FLOPs', money: 'money' } as const;

describe('explain.figure plan.target: the cheapest design per law', () => {
  it('every winner’s serving memory, FLOPs, device-hours and money are LAWS.md’s formulas at its N_act and D', async () => {
    const t = await value('plan.target', REQUEST);
    const x = await value<{ explanations: Written[]; note: string | null }>('explain.figure', { channel: 'plan.target', request: REQUEST });
    const winners = (t.laws as Array<{ law: string; winners: Array<{ objective: keyof typeof OBJECTIVE_WORDS; experts: number; design: Record<string, any> }> }>).flatMap((l) => l.winners.map((w) => ({ law: l.law, ...w })));
    expect(winners.length).toBeGreaterThanOrEqual(7);
    expect(x.explanations.filter((e) => e.figure === 'target.design')).toHaveLength(winners.length);
    for (const w of winners) {
      const label = w.law === 'joint' ? 'Joint MoE law' : 'Chinchilla (dense)';
      const e = x.explanations.find((z) => z.title.startsWith(`${label}, cheapest in ${OBJECTIVE_WORDS[w.objective]}: E = ${w.experts},`))!;
      expect(e, `${w.law} ${w.objective}`).toBeDefined();
      const raw = (s: string) => e.rows.find((r) => r.symbol === s)!.raw;
      const want = expected(w.design.nAct, w.design.tokens, w.experts);
      close(raw('N_total'), want.nTotal);
      close(raw('M'), want.serving);
      close(raw('F_train'), want.train);
      close(raw('F_life'), want.life);
      close(raw('H'), want.hours);
      close(raw('$'), want.money);
      // And they are what the table shows.
      close(raw('M'), w.design.servingBytes);
      close(raw('H'), w.design.deviceHours.total);
      close(raw('$'), w.design.money.total);
    }
  }, 60_000);

  it('the CLI’s target --explain prints each winner’s formulas in planner units', async () => {
    const r = await cli('target', '--loss', '2.3', '--laws', 'joint', '--experts', '1,8', '--inference-tokens', '2e12', '--hardware', 'h100-sxm', '--price', '2.5', '--explain');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/How was this computed\? Joint MoE law, cheapest in serving memory: E = \d+/);
    expect(r.stdout).toContain('H = H_train + H_inf');
    expect(r.stdout).toContain('F_life = F_train + F_inf');
    expect(rawNotation(r.stdout)).toEqual([]);
  }, 60_000);

  it('the PDF appendix of a saved target scenario explains every winner’s deployment figures', async () => {
    const w = await openWorkspace(undefined, 'Target appendix');
    try {
      const t = await w.call('plan.target', REQUEST);
      const id = (await w.save('Reach 2.3', 'target', t, { inputs: { goal: 'loss', loss: 2.3 }, coefficientSetId: 'ludziejewski2025-joint' })).id;
      const { text } = await pdfText(new Uint8Array(Buffer.from((await w.call('reports.pdf', { scenarioIds: [id] })).base64, 'base64')));
      const appendix = text.slice(text.indexOf('How these figures were computed'));
      for (const l of t.laws) for (const x of l.winners) expect(appendix).toContain(`${l.law === 'joint' ? 'Joint MoE law' : 'Chinchilla (dense)'}, cheapest in ${OBJECTIVE_WORDS[x.objective]}: E = ${x.experts}`);
      expect(appendix).toContain('H = H_train + H_inf');
    } finally {
      removeWorkspace(w);
    }
  }, 120_000);
});
