/**
 * Explaining a next-run proposal, on the page or in a report, reads the fit and the hardware
 * profile from the store once: what resolving the request found (services/next-run/input.ts) is
 * what the explanation uses, counted through spies on the store's lookups. The explanation still
 * prices each run with the profile's own price: H = 6·N·D/(peak·u)/3600, $ = H·price (LAWS.md §7).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { nextRunResolver } from '../../../src-main/services/reports';
import { ctx } from '../cli/run-cli';
import { fittedProject } from './fixture';

let fixture: Awaited<ReturnType<typeof fittedProject>>;
let hardwareId: string;
const PEAK = 9.894e14;
beforeAll(async () => {
  fixture = await fittedProject(ctx, { samples: 12, name: 'Resolve-once fit' });
  const hw = await dispatch(handlers, ctx, 'hardware.save', { name: 'Counted H100', deviceCount: 1, memoryBytesPerDevice: 85899345920, peakFlopsPerDevice: PEAK, defaultUtilization: 0.4, pricePerDeviceHour: 3, source: 'test' });
  if (!hw.ok) throw new Error(hw.error.message);
  hardwareId = (hw.value as { id: string }).id;
}, 120_000);
afterEach(() => vi.restoreAllMocks());

const request = () => ({ projectId: fixture.projectId, coefficientSetId: fixture.setId, targetFlops: 1e22, gpuHours: 2000, hardwareId, count: 2, worlds: 0, seed: 1 });

describe('a next-run explanation resolves the request once', () => {
  it('explain.figure with the proposal sent: one hardware lookup, and the runs priced at that profile', async () => {
    const proposed = await dispatch(handlers, ctx, 'nextRun.propose', request());
    if (!proposed.ok) throw new Error(proposed.error.message);
    const hardwareFind = vi.spyOn(ctx.store().hardware, 'find');
    const env = await dispatch(handlers, ctx, 'explain.figure', { channel: 'nextRun.propose', request: request(), proposal: proposed.value, bytes: 'decimal' });
    if (!env.ok) throw new Error(env.error.message);
    expect(hardwareFind.mock.calls.map((c) => c[0])).toEqual([hardwareId]);
    const runs = (proposed.value as { runs: Array<{ nAct: number; tokens: number }> }).runs;
    const money = (env.value as { explanations: Array<{ figure: string; rows: Array<{ symbol: string; raw: number }> }> }).explanations.filter((e) => e.figure === 'nextRun.run').map((e) => e.rows.find((r) => r.symbol === '$')!.raw);
    runs.forEach((r, i) => expect(money[i]).toBeCloseTo(((6 * r.nAct * r.tokens) / (PEAK * 0.4) / 3600) * 3, 9));
  }, 120_000);

  it('the report’s resolver, on the inputs a saved proposal keeps: one hardware lookup and the fit as resolved', async () => {
    const proposed = await dispatch(handlers, ctx, 'nextRun.propose', request());
    if (!proposed.ok) throw new Error(proposed.error.message);
    const hardwareFind = vi.spyOn(ctx.store().hardware, 'find');
    const resolved = nextRunResolver(ctx)((proposed.value as { inputs: Parameters<ReturnType<typeof nextRunResolver>>[0] }).inputs)!;
    expect(hardwareFind).toHaveBeenCalledTimes(1);
    expect(resolved.set.id).toBe(fixture.setId);
    expect(resolved.hardware).toEqual({ name: 'Counted H100', pricePerDeviceHour: 3 });
  }, 120_000);
});
