/**
 * The joint law's fitted domain, derived from the 270 runs of App. E: the bounds are checked
 * against the figures the issue and LAWS.md quote (computed here again, straight from the CSV),
 * and the flags against a brute-force "is this design among the runs" over the same CSV.
 */
import { readFileSync } from 'node:fs';
import { powerText } from '../../../e2e/fixtures/planner-units';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import runsJson from '../../../../resources/data/joint-moe-runs.json';
import { JOINT_DOMAIN, JOINT_RUNS, deriveJointDomain, nearestRun, jointFlags, jointLoss, planInferenceOptimal, JOINT_LAW_DESCRIPTION } from '../../../../src-main/engine/joint';

const csvText = readFileSync(resolve(__dirname, '../../../../resources/data/joint-moe-runs.csv'), 'utf8');
const [headerLine, ...lines] = csvText.trim().split(/\r?\n/);
const header = headerLine!.split(',');
const col = (row: string[], name: string) => Number(row[header.indexOf(name)]);
const csvRuns = lines.map((l) => l.split(',')).map((r) => ({
  experts: col(r, 'E'),
  tokens: col(r, 'D_tokens'),
  nAct: col(r, 'n_act_eq10'),
  nTotal: col(r, 'n_total_eq9'),
  // Recomputed from the shape with the paper's Eq. 9 and 10, independent of the CSV's worked columns.
  eq10: 2 * col(r, 'd_model') * 50257 + 13 * col(r, 'n_blocks') * col(r, 'd_model') ** 2,
  eq9: 2 * col(r, 'd_model') * 50257 + (4 + 9 * col(r, 'E')) * col(r, 'n_blocks') * col(r, 'd_model') ** 2,
}));

describe('the runs shipped as a resource', () => {
  it('hold the 270 runs of App. E, the JSON twin the engine imports equal to the CSV', () => {
    expect(csvRuns).toHaveLength(270);
    expect(runsJson.citation).toMatch(/2502\.05172.*Appendix E/);
    expect(JOINT_RUNS.map((r) => [r.experts, r.tokens, r.nAct, r.nTotal])).toEqual(csvRuns.map((r) => [r.experts, r.tokens, r.nAct, r.nTotal]));
    for (const r of csvRuns) {
      expect(r.nAct).toBe(r.eq10);
      expect(r.nTotal).toBe(r.eq9);
    }
  });
});

describe('the fitted domain derived from the runs', () => {
  it('matches the figures LAWS.md quotes: 78.7M–2.72B active, 78.7M–5.0B total, 0.5B–80B tokens, 0.36–72.7 tokens per parameter, 2.4e17–5.3e20 FLOPs, E ∈ {1..32}', () => {
    const d = JOINT_DOMAIN;
    const rel = (a: number, b: number, tol: number) => expect(Math.abs(a / b - 1)).toBeLessThan(tol);
    rel(d.nAct.min, 78.7e6, 1e-3);
    rel(d.nAct.max, 2.72e9, 2e-3);
    rel(d.nTotal.min, 78.7e6, 1e-3);
    rel(d.nTotal.max, 5.0e9, 1e-3);
    expect([d.tokens.min, d.tokens.max]).toEqual([0.5e9, 80e9]);
    rel(d.tokensPerParam.min, 0.36, 0.01);
    rel(d.tokensPerParam.max, 72.7, 1e-3);
    rel(d.flops.min, 2.4e17, 0.02);
    rel(d.flops.max, 5.3e20, 0.01);
    expect(d.experts.values).toEqual([1, 2, 4, 8, 16, 32]);
  });

  it('equals the extremes computed here from the CSV, and the law description carries them as its fitted ranges', () => {
    const min = (xs: number[]) => Math.min(...xs);
    const max = (xs: number[]) => Math.max(...xs);
    const expected = {
      nAct: [min(csvRuns.map((r) => r.nAct)), max(csvRuns.map((r) => r.nAct))],
      nTotal: [min(csvRuns.map((r) => r.nTotal)), max(csvRuns.map((r) => r.nTotal))],
      tokens: [min(csvRuns.map((r) => r.tokens)), max(csvRuns.map((r) => r.tokens))],
      tokensPerParam: [min(csvRuns.map((r) => r.tokens / r.nAct)), max(csvRuns.map((r) => r.tokens / r.nAct))],
      flops: [min(csvRuns.map((r) => 6 * r.nAct * r.tokens)), max(csvRuns.map((r) => 6 * r.nAct * r.tokens))],
      experts: [1, 32],
    };
    for (const [k, [lo, hi]] of Object.entries(expected)) {
      const range = JOINT_LAW_DESCRIPTION.fittedRanges[k]!;
      expect([range.min, range.max], k).toEqual([lo, hi]);
    }
  });

  it('is a function of whatever runs it is given, and refuses none or a non-positive count', () => {
    const d = deriveJointDomain([
      { nAct: 1e8, nTotal: 4e8, tokens: 2e9, experts: 8 },
      { nAct: 4e8, nTotal: 4e8, tokens: 1e9, experts: 1 },
    ]);
    expect(d.nAct).toEqual({ min: 1e8, max: 4e8 });
    expect(d.tokensPerParam).toEqual({ min: 2.5, max: 20 });
    expect(d.flops).toEqual({ min: 6 * 1e8 * 2e9, max: 6 * 4e8 * 1e9 });
    expect(d.experts.values).toEqual([1, 8]);
    expect(() => deriveJointDomain([])).toThrow(/at least one run/);
    expect(() => deriveJointDomain([{ nAct: 0, nTotal: 1, tokens: 1, experts: 1 }])).toThrow(/nAct/);
  });

  it('measures the distance to the nearest run as one factor over N_act, D and E', () => {
    // A run itself is at distance 1; E = 16 at 2.7B active is 8.5× from the nearest E = 16 run (321M).
    expect(nearestRun(JOINT_DOMAIN, { nAct: 321030144, tokens: 16e9, experts: 32 }).factor).toBe(1);
    const far = nearestRun(JOINT_DOMAIN, { nAct: 2.7e9, tokens: 8e9, experts: 16 });
    expect(far.factor).toBeGreaterThan(2);
  });

  it('finds the same nearest run as a brute force over the CSV runs, for designs across and beyond the domain', () => {
    const logs = csvRuns.map((r) => [Math.log(r.nAct), Math.log(r.tokens), Math.log(r.experts)] as const);
    for (const nAct of [1e6, 3e7, 2.1e8, 9e8, 2.7e9, 5e10]) {
      for (const tokens of [1e8, 4e9, 8e9, 3e10, 1e12]) {
        for (const experts of [1, 2, 8, 16, 32, 64, 512]) {
          const at = [Math.log(nAct), Math.log(tokens), Math.log(experts)];
          const dist = logs.map((l) => Math.max(...l.map((v, k) => Math.abs(at[k]! - v))));
          const min = Math.min(...dist);
          const got = nearestRun(JOINT_DOMAIN, { nAct, tokens, experts });
          expect(got.factor).toBeCloseTo(Math.exp(min), 12);
          const r = csvRuns[dist.indexOf(min)]!; // ties go to the first run listed
          expect([got.run.nAct, got.run.tokens, got.run.experts]).toEqual([r.nAct, r.tokens, r.experts]);
        }
      }
    }
  });
});

describe('flags against the runs', () => {
  it('flag the issue’s examples with their factor: 300 tokens per parameter, 101 tokens per parameter, E = 32 at 1B active', () => {
    const tpp = jointLoss({ nAct: 1e8, tokens: 3e10, experts: 8 }).flags.find((f) => f.variable === 'tokensPerParam')!;
    expect(tpp.factor).toBeCloseTo(300 / 72.713, 2);
    expect(tpp.extent).toBe('outside');
    expect(tpp.message).toMatch(/4\.13× above/);
    const e32 = jointLoss({ nAct: 1e9, tokens: 2e10, experts: 32 });
    const total = e32.flags.find((f) => f.variable === 'nTotal')!;
    // Eq. 9 with the paper's shape rule gives about 19B total parameters: 3.8× the largest run's 5.0B.
    expect(e32.nTotal / 1e9).toBeCloseTo(19, 0);
    expect(total.factor).toBeCloseTo(e32.nTotal / 5001873408, 6);
    expect(jointFlags({ experts: 4, nAct: 576e6, tokens: 57.9e9 }).find((f) => f.variable === 'tokensPerParam')?.extent).toBe('near');
  });

  it('give each flag the extent of its factor: near up to 2×, outside up to 10×, far beyond', () => {
    const at = (tokens: number) => jointFlags({ tokens }).find((f) => f.variable === 'tokens')!;
    expect(at(1.9 * 80e9).extent).toBe('near');
    expect(at(5 * 80e9).extent).toBe('outside');
    expect(at(11 * 80e9).extent).toBe('far');
    expect(at(11 * 80e9).message).toMatch(/trend, not a number/);
    expect(at(0.5e9 / 3).factor).toBeCloseTo(3, 9);
    expect(at(0.5e9 / 3).message).toMatch(/below the fitted minimum/);
  });

  it('test training compute, not the budget, and the total of an inference plan on its own', () => {
    // 1e8 active on 1e9 tokens is 6e17 FLOPs of training: inside, whatever the budget was.
    const flags = jointFlags({ experts: 1, nAct: 1e8, tokens: 1e9, flops: 1e22, totalFlops: 1e22 });
    expect(flags.find((f) => f.variable === 'flops')).toBeUndefined();
    const total = flags.find((f) => f.variable === 'totalFlops')!;
    expect(total.message).toMatch(/total compute/);
    expect(total.factor).toBeCloseTo(1e22 / JOINT_DOMAIN.flops.max, 9);
  });

  it('in an inference plan, name the training compute 6·N_act·D as training compute and the budget as total compute', () => {
    const plan = planInferenceOptimal({ flops: 1e22, inferenceTokens: 1e12 });
    const best = plan.best!;
    expect(best.trainingFlops).toBeLessThan(0.9e22);
    const training = best.flags.find((f) => f.variable === 'flops')!;
    expect(training.value).toBeCloseTo(6 * best.nAct * best.tokens, -10);
    expect(training.message).toContain(`training compute F = ${powerText(6 * best.nAct * best.tokens)} FLOPs`);
    const total = best.flags.find((f) => f.variable === 'totalFlops')!;
    expect(total.value).toBe(1e22);
  });

  it('flag a design inside every bound but far from every run, and not one between neighbouring runs', () => {
    const far = jointFlags({ experts: 16, nAct: 2.5e9, nTotal: 4.9e9, tokens: 8e9 });
    expect(far.map((f) => f.code)).toEqual(['joint-far-from-runs']);
    expect(far[0]!.factor).toBeGreaterThan(2);
    expect(far[0]!.message).toMatch(/no fitted run lies within 2×.*nearest \(E = \d+/);
    // Between the E = 4 runs at 469M and 683M active, between 4B and 8B tokens.
    expect(jointFlags({ experts: 4, nAct: 5.6e8, nTotal: 1.4e9, tokens: 5.7e9 })).toEqual([]);
  });
});

/**
 * Done-when property: designs sampled across and around the domain (shapes by the paper's rule,
 * so N_total follows from N_act and E as it would for a real model). Brute force over the CSV
 * decides "inside": every quantity within the runs' extremes and some run within 2× in N_act,
 * D and E at once. Inside ⇔ no flag.
 */
describe('property: no design outside the runs without a flag, none inside with one', () => {
  const lo = (k: (r: (typeof csvRuns)[number]) => number) => Math.min(...csvRuns.map(k));
  const hi = (k: (r: (typeof csvRuns)[number]) => number) => Math.max(...csvRuns.map(k));
  const B = {
    nAct: [lo((r) => r.nAct), hi((r) => r.nAct)],
    nTotal: [lo((r) => r.nTotal), hi((r) => r.nTotal)],
    tokens: [lo((r) => r.tokens), hi((r) => r.tokens)],
    tpp: [lo((r) => r.tokens / r.nAct), hi((r) => r.tokens / r.nAct)],
    flops: [lo((r) => 6 * r.nAct * r.tokens), hi((r) => 6 * r.nAct * r.tokens)],
    experts: [lo((r) => r.experts), hi((r) => r.experts)],
  } as const;
  const within = (x: number, [a, b]: readonly number[]) => x >= a! && x <= b!;
  function insideByBruteForce(d: { nAct: number; nTotal: number; tokens: number; experts: number }): boolean {
    const perVariable =
      within(d.nAct, B.nAct) && within(d.nTotal, B.nTotal) && within(d.tokens, B.tokens) && within(d.tokens / d.nAct, B.tpp) &&
      within(6 * d.nAct * d.tokens, B.flops) && within(d.experts, B.experts);
    const nearSomeRun = csvRuns.some(
      (r) => Math.max(d.nAct / r.nAct, r.nAct / d.nAct) <= 2 && Math.max(d.tokens / r.tokens, r.tokens / d.tokens) <= 2 && Math.max(d.experts / r.experts, r.experts / d.experts) <= 2,
    );
    return perVariable && nearSomeRun;
  }
  const design = fc
    .record({
      logD: fc.double({ min: Math.log(200), max: Math.log(5000), noNaN: true }),
      experts: fc.constantFrom(1, 1, 2, 2, 4, 4, 8, 8, 16, 32, 3, 12, 48, 64, 128),
      logTokens: fc.double({ min: Math.log(0.1e9), max: Math.log(400e9), noNaN: true }),
    })
    .map(({ logD, experts, logTokens }) => {
      const dModel = Math.exp(logD);
      const nBlocks = dModel / 64;
      return {
        experts,
        nAct: 2 * dModel * 50257 + 13 * nBlocks * dModel ** 2,
        nTotal: 2 * dModel * 50257 + (4 + 9 * experts) * nBlocks * dModel ** 2,
        tokens: Math.exp(logTokens),
      };
    });

  it('holds over 3000 sampled designs, with both kinds well represented', () => {
    let inside = 0;
    let outside = 0;
    fc.assert(
      fc.property(design, (d) => {
        const flags = jointFlags(d);
        const expectInside = insideByBruteForce(d);
        expectInside ? inside++ : outside++;
        if (expectInside) expect(flags, JSON.stringify(d)).toEqual([]);
        else {
          expect(flags.length, JSON.stringify(d)).toBeGreaterThan(0);
          for (const f of flags) expect(f.factor! > 1 && ['near', 'outside', 'far'].includes(f.extent!), JSON.stringify(f)).toBe(true);
        }
      }),
      { numRuns: 3000, seed: 13 },
    );
    expect(inside).toBeGreaterThan(200);
    expect(outside).toBeGreaterThan(300);
  });
});
