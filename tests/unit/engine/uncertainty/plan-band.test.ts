/**
 * The band of a forward plan over replicate sets, against a brute-force search per replicate:
 * along 6·N·D = F (compute), the same line under a memory cap (weights + KV cache of the paper's
 * shape), and 6·N·D + 2·N·D_inf = F (inference). And the published sets' band: the paper's
 * reported train RMSE of 0.0062 nats/token around each E's loss.
 */
import { describe, expect, test } from 'vitest';
import { publishedSet, type CoefficientSet } from '../../../../src-main/engine/common/coefficients';
import { jointCoefficients, jointLossValue, planComputeOptimal, planInferenceOptimal, planMemoryOptimal } from '../../../../src-main/engine/joint';
import { countParameters, exactShapeForActive, memoryFootprint } from '../../../../src-main/engine/accounting';
import { bootstrapPlanBand, fitErrorPlanBand } from '../../../../src-main/engine/uncertainty';
import { publishedFitError } from '../../../../src-main/engine/target';

const JOINT = publishedSet('ludziejewski2025-joint');

function replicates(n: number): CoefficientSet[] {
  let x = 3;
  const u = () => ((x = (x * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32) * 2 - 1;
  return Array.from({ length: n }, (_, i) => {
    const v = { ...JOINT.values };
    for (const k of ['a', 'b', 'alpha', 'beta', 'gamma', 'zeta']) v[k] = v[k]! * (1 + 0.05 * u());
    return { ...JOINT, id: `rep-${i}`, values: v };
  });
}

type Best = { e: number; n: number; d: number; loss: number };

/** The lowest loss over a fine log grid of N_act per E, where `tokens(n)` is the line and `fits(n, e)` the cap. */
function brute(set: CoefficientSet, experts: number[], tokens: (n: number) => number, fits: (n: number, e: number) => boolean = () => true): Best {
  const k = jointCoefficients(set);
  let best: Best = { e: 0, n: 0, d: 0, loss: Infinity };
  for (const e of experts) {
    for (let i = 0; i <= 4000; i++) {
      const n = 1e7 * Math.pow(1e4, i / 4000);
      const d = tokens(n);
      if (!(d > 0) || !fits(n, e)) continue;
      const loss = jointLossValue(k, n, d, e);
      if (loss < best.loss) best = { e, n, d, loss };
    }
  }
  return best;
}

function expectBandMatches(band: ReturnType<typeof bootstrapPlanBand>, found: Best[]): void {
  expect(band).not.toBeNull();
  const b = band!;
  for (const { experts: e, share } of b.expertWins) expect(share).toBeCloseTo(found.filter((x) => x.e === e).length / found.length, 12);
  const sorted = (f: (x: Best) => number) => found.map(f).sort((p, q) => p - q);
  const losses = sorted((x) => x.loss);
  // The grid's minimum is never below the true one, and within its step of it.
  expect(b.loss.low).toBeLessThanOrEqual(losses.at(-1)! + 1e-9);
  expect(b.loss.low).toBeGreaterThanOrEqual(losses[0]! - 1e-6);
  expect(b.loss.high).toBeLessThanOrEqual(losses.at(-1)! + 1e-9);
  const ns = sorted((x) => x.n);
  expect(b.nAct!.low).toBeGreaterThan(ns[0]! * 0.99);
  expect(b.nAct!.high).toBeLessThan(ns.at(-1)! * 1.01);
  const ds = sorted((x) => x.d);
  expect(b.tokens!.low).toBeGreaterThan(ds[0]! * 0.99);
  expect(b.tokens!.high).toBeLessThan(ds.at(-1)! * 1.01);
}

describe('bootstrap band of a forward plan', () => {
  const reps = replicates(24);
  const experts = [1, 8, 32];

  test('compute-optimal: winners and their spread match a brute-force minimum along 6·N·D = F per replicate', () => {
    const flops = 1e21;
    const band = bootstrapPlanBand(reps, planComputeOptimal({ flops, experts, coefficients: JOINT }));
    expectBandMatches(band, reps.map((s) => brute(s, experts, (n) => flops / (6 * n))));
    expect(band!.label).toMatch(/90 % band over 24 bootstrap refits/);
    expect(band!.perExpert.map((p) => p.experts)).toEqual(experts);
    expect(band!.nAct!.low).toBeLessThan(band!.nAct!.high);
  });

  test('memory-optimal: the brute force keeps only N_act whose weights + KV cache fit the budget', () => {
    const flops = 1e22;
    const memoryBytes = 4e9;
    const kvTokens = 4096;
    const plan = planMemoryOptimal({ flops, experts, coefficients: JOINT, memoryBytes, memoryMode: 'total', kvTokens });
    const fits = (n: number, e: number) => {
      const shape = exactShapeForActive(n, e);
      return memoryFootprint(countParameters(shape).nTotal, shape, kvTokens, plan.precision).totalBytes <= memoryBytes;
    };
    const found = reps.map((s) => brute(s, experts, (n) => flops / (6 * n), fits));
    const band = bootstrapPlanBand(reps, plan);
    expectBandMatches(band, found);
    // The cap binds: every replicate's winner sits at the budget, below its unconstrained optimum.
    const free = bootstrapPlanBand(reps, planComputeOptimal({ flops, experts, coefficients: JOINT }))!;
    expect(band!.loss.high).toBeGreaterThan(free.loss.high);
    // With the winner's E the same in every refit, its N_act is the largest that fits: the band has no width in N_act.
    if (band!.expertWins.length === 1) expect(band!.nAct!.high / band!.nAct!.low).toBeCloseTo(1, 9);
  });

  test('inference-optimal: the brute force follows 6·N·D + 2·N·D_inf = F', () => {
    const flops = 1e22;
    const inferenceTokens = 2e11;
    const plan = planInferenceOptimal({ flops, experts, coefficients: JOINT, inferenceTokens });
    const found = reps.map((s) => brute(s, experts, (n) => (flops - 2 * n * inferenceTokens) / (6 * n)));
    expectBandMatches(bootstrapPlanBand(reps, plan), found);
  });

  test('a caller can stop it part-way (cancel), and progress counts up to every replicate', () => {
    const plan = planComputeOptimal({ flops: 1e21, experts, coefficients: JOINT });
    const seen: number[] = [];
    expect(bootstrapPlanBand(reps, plan, { onProgress: (done) => (seen.push(done), done < 10) })).toBeNull();
    expect(seen).toEqual([10]);
    const all: number[] = [];
    bootstrapPlanBand(reps, plan, { onProgress: (done, total) => void all.push(done / total) });
    expect(all.at(-1)).toBe(1);
  });
});

describe('published fit error as a loss band', () => {
  test("the joint set's band is the paper's train RMSE, ±0.0062 nats/token, around every E, and says it is a residual", () => {
    const plan = planMemoryOptimal({ flops: 1e22, experts: [1, 8, 32], coefficients: JOINT, memoryBytes: 8e9 });
    const band = fitErrorPlanBand(plan, publishedFitError(JOINT.id)!)!;
    expect(band.kind).toBe('published-fit-error');
    expect(band.loss.high - plan.best!.loss).toBeCloseTo(0.0062, 12);
    expect(plan.best!.loss - band.loss.low).toBeCloseTo(0.0062, 12);
    expect(band.nAct).toBeNull();
    expect(band.expertWins).toEqual([]);
    expect(band.perExpert).toHaveLength(3);
    expect(band.label).toMatch(/not a confidence interval/);
  });
});
