/**
 * "How was this computed?" for any cell of the Leverage contours: the reader's cell is written out
 * first, its EL Eq. 13 at that (A, G) — the same value the grid holds there, and the value
 * law.leverage gives for that activation ratio and granularity; a cell off the grid is refused
 * naming its field.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { ctx } from './run-cli';

async function call(channel: string, request: unknown) {
  return dispatch(handlers, ctx, channel as never, request as never);
}

describe('explain.figure leverage.contours: a cell the reader picks', () => {
  it('explains the picked cell first, with the grid’s EL there', async () => {
    const request = { flops: 1e21, points: 31 };
    const g = (await call('leverage.contours', request)) as { ok: true; value: { activations: number[]; granularities: number[]; el: number[][] } };
    const [i, j] = [7, 19];
    const cell = { activation: g.value.activations[i]!, granularity: g.value.granularities[j]! };
    const x = (await call('explain.figure', { channel: 'leverage.contours', request, cell })) as { ok: true; value: { explanations: Array<{ title: string; rows: Array<{ symbol: string; raw: number }> }> } };
    expect(x.ok).toBe(true);
    const first = x.value.explanations[0]!;
    expect(first.title).toMatch(/^Contour cell, your cell: EL at A = /);
    expect(x.value.explanations).toHaveLength(6);
    const el = first.rows.find((r) => r.symbol === 'EL')!.raw;
    expect(el / g.value.el[i]![j]! - 1).toBeCloseTo(0, 12);
    const law = (await call('law.leverage', { activation: cell.activation, granularity: cell.granularity, flops: 1e21 })) as { ok: true; value: { el: number } };
    expect(el / law.value.el - 1).toBeCloseTo(0, 12);
  });

  it('refuses a cell that is not on the grid, naming the field', async () => {
    const r = await call('explain.figure', { channel: 'leverage.contours', request: { flops: 1e21, points: 31 }, cell: { activation: 0.0123456, granularity: 8 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request', path: ['cell', 'activation'] } });
  });
});
