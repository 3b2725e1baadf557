/**
 * "How was this computed?" for a bootstrap band, through the contract: explain.figure's band part
 * reads the refits' best designs the band kept (never re-solving the replicates) and writes the
 * quantiles the plan's band shows, with the share of refits each E wins and every refit's design
 * listed (the unit tests recompute them from Eq. 7 per refit). A band of more replicates than stay
 * inline is a job: its explanation reads the band the job returned, sent with the request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { cli, ctx } from '../cli/run-cli';
import { fittedProject } from '../next-run/fixture';
import { BandJobs } from '../../../src-main/services/band/jobs';
import { contract } from '../../../src-main/ipc/contract';

let setId: string;
let jobSetId: string;
beforeAll(async () => {
  setId = (await fittedProject(ctx, { samples: 40, name: 'Band explanation fixture' })).setId;
  jobSetId = (await fittedProject(ctx, { samples: 250, name: 'Band explanation job fixture' })).setId;
}, 240_000);

/** numpy's default (linear) percentile, written here so the test does not lean on the engine's. */
const percentile = (xs: number[], q: number) => {
  const v = [...xs].sort((a, b) => a - b);
  const h = (v.length - 1) * q;
  const i = Math.floor(h);
  return v[i]! + (h - i) * (v[Math.min(i + 1, v.length - 1)]! - v[i]!);
};

async function value<T = Record<string, any>>(channel: string, request: unknown): Promise<T> {
  const r = await dispatch(handlers, ctx, channel as never, request as never);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

type Written = {
  explanations: Array<{ title: string; rows: Array<{ symbol: string; raw: number; formula: string }>; coefficientSet: { name: string } | null; data: { columns: string[]; rows: string[][]; raw: number[][] } | null }>;
  note: string | null;
};
type Winner = { experts: number; nAct: number; tokens: number; loss: number };

describe('explain.figure: the bootstrap band', () => {
  it('writes the band the plan shows: its 5th and 95th percentiles of the refits’ best designs and each E’s win share', async () => {
    const request = { flops: 1e22, experts: [1, 4, 16, 64], coefficientSetId: setId };
    const plan = await value('plan.compute', request);
    const band = plan.uncertainty;
    expect(band.kind).toBe('bootstrap');
    const x = await value<Written>('explain.figure', { channel: 'plan.compute', request, parts: ['band'] });
    expect(x.explanations).toHaveLength(1);
    const e = x.explanations[0]!;
    expect(e.title).toBe(`Uncertainty band: 90% over ${band.replicates} bootstrap refits`);
    expect(e.coefficientSet?.name).toBe('Band explanation fixture');
    const raw = (s: string) => e.rows.find((r) => r.symbol === s)!.raw;
    expect(raw('L_lo')).toBeCloseTo(band.loss.low, 12);
    expect(raw('L_hi')).toBeCloseTo(band.loss.high, 12);
    expect(raw('N_act_lo') / band.nAct.low - 1).toBeCloseTo(0, 12);
    expect(raw('D_hi') / band.tokens.high - 1).toBeCloseTo(0, 12);
    for (const w of band.expertWins as Array<{ experts: number; share: number }>) expect(raw(`share_${w.experts}`)).toBeCloseTo(w.share, 12);
    // (K − 1)·0.05 places the low end between two order statistics.
    expect(raw('h_lo')).toBeCloseTo((band.replicates - 1) * 0.05, 12);
  }, 60_000);

  it('lists every refit’s best design, and its ends are the percentiles of that list', async () => {
    const request = { flops: 1e22, experts: [1, 4, 16, 64], coefficientSetId: setId };
    const plan = await value('plan.compute', request);
    const winners = plan.uncertainty.winners as Winner[];
    expect(winners).toHaveLength(plan.uncertainty.replicates);
    const x = await value<Written>('explain.figure', { channel: 'plan.compute', request, parts: ['band'] });
    const e = x.explanations[0]!;
    expect(e.data!.columns).toEqual(['Refit', 'E', 'N_act (parameters)', 'D (tokens)', 'L (nats/token)']);
    expect(e.data!.raw).toEqual(winners.map((w, i) => [i + 1, w.experts, w.nAct, w.tokens, w.loss]));
    const raw = (s: string) => e.rows.find((r) => r.symbol === s)!.raw;
    const listed = e.data!.raw;
    expect(raw('L_lo')).toBeCloseTo(percentile(listed.map((r) => r[4]!), 0.05), 12);
    expect(raw('D_hi') / percentile(listed.map((r) => r[3]!), 0.95) - 1).toBeCloseTo(0, 12);
    for (const E of new Set(listed.map((r) => r[1]!))) expect(raw(`share_${E}`)).toBeCloseTo(listed.filter((r) => r[1] === E).length / listed.length, 12);
  }, 60_000);

  it('explains the band it is sent from its winners, without re-solving: a band that kept other winners explains those', async () => {
    const request = { flops: 1e22, experts: [1, 4, 16, 64], coefficientSetId: setId };
    const plan = await value('plan.compute', request);
    // Every refit's loss raised by 1: re-solving would give the plan's band back; reading the band gives this one.
    const shifted = (plan.uncertainty.winners as Winner[]).map((w) => ({ ...w, loss: w.loss + 1 }));
    const band = { ...plan.uncertainty, winners: shifted };
    const x = await value<Written>('explain.figure', { channel: 'plan.compute', request, parts: ['band'], band });
    const raw = (s: string) => x.explanations[0]!.rows.find((r) => r.symbol === s)!.raw;
    expect(raw('L_lo')).toBeCloseTo(plan.uncertainty.loss.low + 1, 12);
    expect(raw('L_hi')).toBeCloseTo(plan.uncertainty.loss.high + 1, 12);
    // A band whose count and list disagree is refused, naming the list.
    const bad = await dispatch(handlers, ctx, 'explain.figure' as never, { channel: 'plan.compute', request, parts: ['band'], band: { ...band, winners: shifted.slice(1) } } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request', path: ['band', 'winners'] } });
  }, 60_000);

  it('a band left to a job is explained from the band the job returned; asked without it, says it is a job', async () => {
    const request = { flops: 1e22, experts: [1, 4, 16, 64], coefficientSetId: jobSetId };
    const plan = await value('plan.compute', request);
    expect(plan.uncertainty).toBeNull();
    expect(plan.bandJob).toMatchObject({ replicates: 250 });
    const before = await value<Written>('explain.figure', { channel: 'plan.compute', request, parts: ['band'] });
    expect(before.explanations).toEqual([]);
    expect(before.note).toMatch(/^The band is a job over 250 bootstrap replicates/);

    const { job } = new BandJobs().start(contract['band.start'].request.parse({ of: 'plan.compute', request }), ctx);
    await job.done;
    const band = (job.result as { uncertainty: { replicates: number; refits: number; loss: { low: number; high: number }; winners: Winner[] } }).uncertainty;
    expect(band.refits).toBe(250);
    const x = await value<Written>('explain.figure', { channel: 'plan.compute', request, parts: ['band'], band });
    const e = x.explanations[0]!;
    expect(e.title).toBe(`Uncertainty band: 90% over ${band.replicates} bootstrap refits`);
    expect(e.data!.rows).toHaveLength(band.replicates);
    const raw = (s: string) => e.rows.find((r) => r.symbol === s)!.raw;
    expect(raw('L_lo')).toBeCloseTo(percentile(band.winners.map((w) => w.loss), 0.05), 12);
    expect(raw('L_hi')).toBeCloseTo(band.loss.high, 12);
  }, 120_000);

  it('the CLI’s --explain explains the band its band job printed, every refit listed', async () => {
    const args = ['plan', 'compute', '--flops', '1e22', '--experts', '1,4,16,64', '--coefficients', jobSetId, '--explain'];
    const text = await cli(...args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/How was this computed\? Uncertainty band: 90% over (\d+) bootstrap refits/);
    const k = Number(/Uncertainty band: 90% over (\d+) bootstrap refits/.exec(text.stdout)![1]);
    expect(text.stdout).toContain('Refit | E | N_act (parameters) | D (tokens) | L (nats/token)');
    // One line per refit after the header: "  1 | 4 | 84.3 B | 2.34 T | 1.598".
    expect(text.stdout.split('\n').filter((l) => /^  \d[\d,]* \| \d+ \| /.test(l))).toHaveLength(k);
    const json = await cli(...args, '--json');
    const x = JSON.parse(json.stdout) as Written;
    const band = x.explanations.find((e) => e.title.startsWith('Uncertainty band'))!;
    expect(band.data!.raw).toHaveLength(k);
    const raw = (s: string) => band.rows.find((r) => r.symbol === s)!.raw;
    expect(raw('L_hi')).toBeCloseTo(percentile(band.data!.raw.map((r) => r[4]!), 0.95), 12);
  }, 120_000);
});
