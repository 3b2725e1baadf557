/**
 * "How was this computed?" for a bootstrap band, through the contract: explain.figure's band part
 * re-solves the fit's replicates and writes the quantiles the plan's band shows, with the share of
 * refits each E wins (the unit tests recompute them from Eq. 7 per refit).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { ctx } from '../cli/run-cli';
import { fittedProject } from '../next-run/fixture';

let setId: string;
beforeAll(async () => {
  setId = (await fittedProject(ctx, { samples: 40, name: 'Band explanation fixture' })).setId;
}, 120_000);

async function value<T = Record<string, any>>(channel: string, request: unknown): Promise<T> {
  const r = await dispatch(handlers, ctx, channel as never, request as never);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

type Written = { explanations: Array<{ title: string; rows: Array<{ symbol: string; raw: number; formula: string }>; coefficientSet: { name: string } | null }>; note: string | null };

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
});
