/**
 * Each bootstrap replicate's plan at the target is solved once per proposal and once per
 * explanation (plannerPrior keeps each replicate's q, and the bootstrap band, the ensemble prior
 * and the simulated worlds' truths read it), counted through a spy on the law's targetPlan: a call
 * is a replicate's solve when its theta is that replicate's, element for element.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { publishedSet } from '../../../../src-main/engine/common/coefficients';
import { lnLossAt, PLANNER_LAWS, proposeNextRuns, thetaOf, normalStream, type NextRunInput } from '../../../../src-main/engine/next-run';
import { explainNextRun } from '../../../../src-main/engine/explain';

const K = publishedSet('ludziejewski2025-joint').values;
const z = normalStream(5);
/** 12 replicates: the published coefficients with each exponent and scale moved by up to a few per cent. */
const replicates = Array.from({ length: 12 }, () => ({ ...K, a: K.a! * (1 + 0.03 * z()), b: K.b! * (1 + 0.03 * z()), alpha: K.alpha! * (1 + 0.02 * z()), beta: K.beta! * (1 + 0.02 * z()), c: K.c! * (1 + 0.005 * z()) }));
const truth = thetaOf(K, 'truth');
const runs = [3e7, 1.2e8].flatMap((n) => [10, 40].flatMap((r) => [1, 8].map((e) => ({ nAct: n, tokens: n * r, experts: e, loss: Math.exp(lnLossAt(truth, n, n * r, e) + 0.01 * z()) }))));
const input: NextRunInput = { runs, coefficients: K, replicates, targetFlops: 1e22, gpuHours: 2000, throughput: { peakFlopsPerDevice: 989e12, utilization: 0.4 }, count: 2, worlds: 3, seed: 1 };
const replicateThetas = replicates.map((r, i) => thetaOf(r, `r${i}`));

/** How many times targetPlan was asked about each replicate's own theta. */
function solvesPerReplicate(spy: { mock: { calls: unknown[][] } }): number[] {
  return replicateThetas.map((t) => spy.mock.calls.filter(([theta]) => (theta as ArrayLike<number>).length === t.length && t.every((v, j) => (theta as ArrayLike<number>)[j] === v)).length);
}

afterEach(() => vi.restoreAllMocks());

describe('a replicate’s plan at the target', () => {
  it('is solved once by a proposal (bootstrap band, ensemble prior and simulated truths share it)', () => {
    const spy = vi.spyOn(PLANNER_LAWS.joint, 'targetPlan');
    const p = proposeNextRuns(input);
    expect(p.replicates).toBe(12);
    expect(solvesPerReplicate(spy)).toEqual(Array(12).fill(1));
  });

  it('is solved once by the proposal’s explanation, whichever prior it took', () => {
    const p = proposeNextRuns(input);
    for (const prior of ['ensemble', 'jacobian'] as const) {
      const spy = vi.spyOn(PLANNER_LAWS.joint, 'targetPlan');
      const e = explainNextRun({ ...p, prior }, input, publishedSet('ludziejewski2025-joint'), { name: 'H100', pricePerDeviceHour: null });
      expect(e.explanations.some((x) => x.figure === 'nextRun.bootstrapBand')).toBe(true);
      expect(solvesPerReplicate(spy)).toEqual(Array(12).fill(1));
      spy.mockRestore();
    }
  });
});
