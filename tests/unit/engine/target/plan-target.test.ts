/**
 * Reverse planning against the forward problems and brute force: the FLOPs at which a compute-
 * optimal plan reaches a loss must come back when that loss is the target, and no point of a
 * fine (N, D) grid may reach the target more cheaply than the solver's answer.
 */
import { describe, expect, test } from 'vitest';
import { publishedSet, type CoefficientSet } from '../../../../src-main/engine/common/coefficients';
import { EngineInputError } from '../../../../src-main/engine/common/errors';
import { computeOptimum, flopsToReachLoss, perExpertLaw, jointCoefficients } from '../../../../src-main/engine/joint';
import { chinchillaComputeOptimal } from '../../../../src-main/engine/chinchilla';
import {
  chinchillaSurface,
  comprehensiveSurface,
  designsFor,
  jointSurface,
  lossOn,
  planTarget,
  publishedFitError,
  type LossSurface,
} from '../../../../src-main/engine/target';

const JOINT = publishedSet('ludziejewski2025-joint');
const HOFFMANN = publishedSet('hoffmann2022');
const BESIROGLU = publishedSet('besiroglu2024');
const COMPREHENSIVE = publishedSet('moe-comprehensive-2025');

/** A second joint set with different exponents, so agreement is not an accident of one set. */
const JOINT_VARIANT: CoefficientSet = {
  ...JOINT,
  id: 'variant',
  values: { ...JOINT.values, alpha: -0.22, beta: -0.15, gamma: 0.004, zeta: -0.01, a: 50, b: 20, c: 1.5 },
};

const settings = { inferenceTokens: 0, maxTokens: 15e12, kvTokens: 16_384, precision: { bytesPerWeight: 2, bytesPerKvValue: 2 }, hardware: null };

function surface(s: LossSurface | { reason: string }): LossSurface {
  if ('reason' in s) throw new Error(s.reason);
  return s;
}

function feasible(row: ReturnType<typeof designsFor>) {
  if (!row.feasible) throw new Error(row.reason);
  return row;
}

/** Cheapest cost over a log grid of (N, D) among points that reach the target; independent of the contour algebra. */
function bruteForce(s: LossSurface, target: number, cost: (n: number, d: number) => number, around: { n: number; d: number }, width = 2, steps = 400) {
  let best = Infinity;
  for (let i = 0; i <= steps; i++) {
    const n = around.n * Math.exp(-width + (2 * width * i) / steps);
    for (let j = 0; j <= steps; j++) {
      const d = around.d * Math.exp(-width + (2 * width * j) / steps);
      if (lossOn(s, n, d) <= target) {
        const c = cost(n, d);
        if (c < best) best = c;
        break; // larger D only costs more at this N
      }
    }
  }
  return best;
}

describe('the inverse agrees with the forward compute-optimal problem', () => {
  const cases: Array<[string, number, CoefficientSet]> = [];
  for (const set of [JOINT, JOINT_VARIANT]) for (const e of [1, 4, 16, 64]) cases.push([set.id, e, set]);
  test.each(cases)('joint set %s, E = %i: the loss a plan at F reaches gives back F', (_id, e, set) => {
    const law = perExpertLaw(e, jointCoefficients(set));
    for (const flops of [1e19, 1e21, 3e23, 1e25]) {
      const forward = computeOptimum(law, flops);
      const row = feasible(designsFor(surface(jointSurface(set, e)), forward.loss, settings));
      const d = row.designs.trainingFlops!;
      expect(d.trainingFlops / flops).toBeCloseTo(1, 9);
      expect(d.nAct / forward.nAct).toBeCloseTo(1, 5);
      expect(d.tokens / forward.tokens).toBeCloseTo(1, 5);
      expect(d.loss).toBeCloseTo(forward.loss, 10);
    }
  });

  test.each([HOFFMANN, BESIROGLU])('Chinchilla set $id: the loss of its compute-optimal plan gives back the budget', (set) => {
    for (const flops of [1e20, 5.76e23, 1e26]) {
      const forward = chinchillaComputeOptimal(flops, set);
      const row = feasible(designsFor(chinchillaSurface(set), forward.loss, settings));
      expect(row.designs.trainingFlops!.trainingFlops / flops).toBeCloseTo(1, 9);
      expect(row.designs.trainingFlops!.nAct / forward.params).toBeCloseTo(1, 5);
    }
  });

  test('matching the compute-optimal dense model at F: the joint law at E = 1 needs exactly F, every larger E less', () => {
    const flops = 1e23;
    const r = planTarget({ goal: { kind: 'match-dense-optimal', flops }, sets: { joint: JOINT }, experts: [1, 2, 8, 32] });
    const training = (e: number) => {
      const row = r.rows.find((x) => x.law === 'joint' && x.experts === e)!;
      return feasible(row).designs.trainingFlops!.trainingFlops;
    };
    expect(training(1) / flops).toBeCloseTo(1, 9);
    // The paper's Fig. 2b: at the compute-optimal dense loss every MoE of this set is cheaper, and more experts cheaper still.
    expect(training(2)).toBeLessThan(flops);
    expect(training(8)).toBeLessThan(training(2));
    expect(training(32)).toBeLessThan(training(8));
  });
});

describe('brute force over a fine grid finds nothing cheaper', () => {
  const cases: Array<[string, LossSurface, number]> = [
    ['joint E = 8', surface(jointSurface(JOINT, 8)), 2.3],
    ['joint variant E = 32', surface(jointSurface(JOINT_VARIANT, 32)), 2.2],
    ['Chinchilla (Besiroglu)', chinchillaSurface(BESIROGLU), 2.1],
    ['comprehensive E = 16', comprehensiveSurface(COMPREHENSIVE, 16), 2.4],
  ];
  test.each(cases)('%s: training FLOPs and lifetime FLOPs', (_name, s, target) => {
    const inferenceTokens = 5e11;
    const row = feasible(designsFor(s, target, { ...settings, inferenceTokens }));
    for (const [design, cost] of [
      [row.designs.trainingFlops!, (n: number, d: number) => 6 * n * d],
      [row.designs.lifetimeFlops!, (n: number, d: number) => 6 * n * d + 2 * n * inferenceTokens],
    ] as const) {
      expect(design.loss).toBeCloseTo(target, 9);
      const grid = bruteForce(s, target, cost, { n: design.nAct, d: design.tokens });
      const solved = cost(design.nAct, design.tokens);
      expect(grid).toBeGreaterThanOrEqual(solved * (1 - 1e-9));
      // …and the grid gets close, so the solver is not merely a loose bound.
      expect(grid / solved).toBeLessThan(1.01);
    }
    // Lifetime cost counts inference: its model is smaller than the training-FLOPs one.
    expect(row.designs.lifetimeFlops!.nAct).toBeLessThan(row.designs.trainingFlops!.nAct);
  });

  test.each(cases)('%s: no smaller model reaches the target on the available tokens', (_name, s, target) => {
    // Four times the compute-optimal tokens: enough data to reach the target, few enough that the cap binds.
    const maxTokens = 4 * feasible(designsFor(s, target, settings)).designs.trainingFlops!.tokens;
    const row = feasible(designsFor(s, target, { ...settings, maxTokens }));
    const small = row.designs.servingMemory!;
    expect(small.tokens).toBeLessThanOrEqual(maxTokens);
    expect(small.loss).toBeLessThanOrEqual(target + 1e-9);
    for (let i = 1; i <= 200; i++) {
      const n = small.nAct * (1 - i * 1e-3);
      expect(lossOn(s, n, maxTokens)).toBeGreaterThan(target);
    }
  });
});

describe('goals and errors', () => {
  test('money: with training and serving at the same utilisation it picks the lifetime-FLOPs design; slower serving shrinks the model', () => {
    const rate = 989.4e12 * 0.4 * 3600;
    const plan = (inferenceRate: number) =>
      feasible(
        planTarget({
          goal: { kind: 'loss', loss: 2.3 },
          sets: { joint: JOINT },
          experts: [8],
          inferenceTokens: 1e12,
          hardware: { trainingFlopsPerDeviceHour: rate, inferenceFlopsPerDeviceHour: inferenceRate, pricePerDeviceHour: 2.5 },
        }).rows[0]!,
      );
    const same = plan(rate);
    expect(same.designs.money!.nAct / same.designs.lifetimeFlops!.nAct).toBeCloseTo(1, 5);
    expect(same.designs.money!.money!.total).toBeCloseTo((same.designs.money!.lifetimeFlops / rate) * 2.5, 6);
    expect(same.designs.money!.deviceHours!.training).toBeCloseTo(same.designs.money!.trainingFlops / rate, 6);
    const slowServing = plan(rate / 4);
    expect(slowServing.designs.money!.nAct).toBeLessThan(same.designs.money!.nAct);
  });

  test('money is missing, with the reason, when the hardware has no price', () => {
    const r = planTarget({ goal: { kind: 'loss', loss: 2.3 }, sets: { joint: JOINT }, experts: [8], hardware: { trainingFlopsPerDeviceHour: 1e18, inferenceFlopsPerDeviceHour: 1e18, pricePerDeviceHour: null } });
    const row = feasible(r.rows[0]!);
    expect(row.designs.money).toBeNull();
    expect(row.missing.money).toMatch(/no price/);
    expect(row.designs.trainingFlops!.deviceHours!.training).toBeCloseTo(row.designs.trainingFlops!.trainingFlops / 1e18, 6);
  });

  test('a dense model trained far past compute-optimal is matched more cheaply by a compute-optimal one', () => {
    const r = planTarget({ goal: { kind: 'match-dense', params: 7e9, tokens: 2e12 }, sets: { joint: JOINT, chinchilla: HOFFMANN }, experts: [1, 16] });
    for (const law of r.laws) {
      expect(law.reference!.model!.trainingFlops).toBeCloseTo(6 * 7e9 * 2e12, -10);
      const flopsWinner = law.winners.find((w) => w.objective === 'trainingFlops')!;
      expect(flopsWinner.value).toBeLessThan(law.reference!.model!.trainingFlops);
    }
    // Chinchilla speaks only of dense models, and reads the loss on its own data.
    expect(r.rows.filter((x) => x.law === 'chinchilla').map((x) => x.experts)).toEqual([1]);
    expect(r.laws.find((l) => l.law === 'chinchilla')!.reference!.loss).toBeCloseTo(1.69 + 406.4 / 7e9 ** 0.34 + 410.7 / 2e12 ** 0.28, 10);
  });

  test('matching an MoE: Chinchilla says why it cannot; the joint law at the same E needs no more than the MoE itself', () => {
    const r = planTarget({ goal: { kind: 'match-moe', nAct: 1e9, tokens: 1e11, experts: 8 }, sets: { joint: JOINT, chinchilla: HOFFMANN }, experts: [8] });
    expect(r.laws.find((l) => l.law === 'chinchilla')!.reason).toMatch(/E = 8/);
    const row = feasible(r.rows.find((x) => x.law === 'joint')!);
    expect(row.designs.trainingFlops!.trainingFlops).toBeLessThanOrEqual(6 * 1e9 * 1e11 * (1 + 1e-12));
  });

  test('a target at or below the irreducible loss is an error naming the loss field', () => {
    const c = JOINT.values.c!;
    let err: unknown;
    try {
      planTarget({ goal: { kind: 'loss', loss: c }, sets: { joint: JOINT } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineInputError);
    expect((err as EngineInputError).field).toBe('loss');
    expect((err as Error).message).toMatch(/irreducible/);
  });

  test('a target one law reaches and another does not: the other law\'s rows say why', () => {
    // 1.6 is above the joint law's floor (1.3637) and below Hoffmann's (1.69).
    const r = planTarget({ goal: { kind: 'loss', loss: 1.6 }, sets: { joint: JOINT, chinchilla: HOFFMANN }, experts: [1, 8] });
    const chin = r.rows.find((x) => x.law === 'chinchilla')!;
    expect(chin.feasible).toBe(false);
    expect(!chin.feasible && chin.reason).toMatch(/irreducible loss 1\.6900/);
    expect(r.rows.filter((x) => x.law === 'joint').every((x) => x.feasible)).toBe(true);
  });

  test('bad numbers name their field', () => {
    expect(() => planTarget({ goal: { kind: 'match-dense', params: -1, tokens: 1e12 }, sets: { joint: JOINT } })).toThrow(/params/);
    expect(() => planTarget({ goal: { kind: 'loss', loss: 2 }, sets: {} })).toThrow(/laws/);
  });
});

describe('uncertainty from the published fit error', () => {
  test('the joint winner\'s FLOPs band runs from the budget for L* + 0.0062 to the budget for L* − 0.0062', () => {
    const target = 2.25;
    const r = planTarget({ goal: { kind: 'loss', loss: target }, sets: { joint: JOINT }, experts: [4, 16], fitErrors: { joint: publishedFitError(JOINT.id) } });
    const w = r.laws[0]!.winners.find((x) => x.objective === 'trainingFlops')!;
    const law = perExpertLaw(w.experts, jointCoefficients(JOINT));
    const u = w.uncertainty!;
    expect(u.kind).toBe('published-fit-error');
    expect(u.label).toMatch(/0\.0062.*0\.0039.*0\.018/);
    expect(u.value.low / flopsToReachLoss(law, target + 0.0062)!).toBeCloseTo(1, 8);
    expect(u.value.high / flopsToReachLoss(law, target - 0.0062)!).toBeCloseTo(1, 8);
    expect(u.value.low).toBeLessThan(w.value);
    expect(u.value.high).toBeGreaterThan(w.value);
  });

  test('a set whose paper reports no fit error gets no band', () => {
    expect(publishedFitError('hoffmann2022')).toBeNull();
    expect(publishedFitError('moe-comprehensive-2025')!.lossHalfWidth).toBe(0.0059);
  });
});
