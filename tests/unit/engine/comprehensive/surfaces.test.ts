import { describe, expect, it } from 'vitest';
import { activeRatioLossCurve, efficientActiveRatio, optimalActiveRatio, structureLossSurface } from '../../../../src-main/engine/comprehensive';

describe('comprehensive law: surfaces', () => {
  it('the (G, S) surface has its minimum at the grid point nearest (6.78, 0.31)', () => {
    const activeExperts = Array.from({ length: 20 }, (_, i) => i + 1);
    const sharedRatios = Array.from({ length: 15 }, (_, i) => (i * 5) / 100);
    const s = structureLossSurface({ total: 2e9, tokens: 30e9, active: 400e6, activeExperts, sharedRatios });
    expect(s.loss).toHaveLength(20);
    let best = { i: 0, j: 0, v: Infinity };
    s.loss.forEach((row, i) => row.forEach((v, j) => { if (v < best.v) best = { i, j, v }; }));
    expect(activeExperts[best.i]).toBe(7);
    expect(sharedRatios[best.j]).toBeCloseTo(0.3, 10);
    expect(s.flags).toEqual([]);
  });

  it('the N_a/N curve bottoms out at the optimum and its marginal saving crosses τ at the efficient ratio', () => {
    const ratios = Array.from({ length: 1000 }, (_, i) => (i + 1) / 1000);
    const c = activeRatioLossCurve({ total: 30e9, tokens: 600e9, activeRatios: ratios });
    const iMin = c.loss.indexOf(Math.min(...c.loss));
    const opt = optimalActiveRatio({ total: 30e9 });
    const eff = efficientActiveRatio({ total: 30e9 });
    if (!opt.feasible || !eff.feasible) throw new Error('infeasible');
    expect(Math.abs(ratios[iMin]! - opt.activeRatio)).toBeLessThanOrEqual(0.001);
    const iCross = c.marginalLossPerPoint.findIndex((m) => m < 0.004);
    expect(Math.abs(ratios[iCross]! - eff.activeRatio)).toBeLessThanOrEqual(0.001);
    expect(c.flags.map((f) => f.code)).toContain('comprehensive-total-above-fitted');
  });

  it('rejects bad grids by name', () => {
    expect(() => structureLossSurface({ total: 2e9, tokens: 30e9, active: 4e8, activeExperts: [], sharedRatios: [0.1] })).toThrow(/activeExperts/);
    expect(() => structureLossSurface({ total: 2e9, tokens: 30e9, active: 4e8, activeExperts: [4], sharedRatios: [1.5] })).toThrow(/sharedRatios\[0\]/);
    expect(() => activeRatioLossCurve({ total: 2e9, tokens: 30e9, activeRatios: [0.1, 0] })).toThrow(/activeRatios\[1\]/);
  });
});
