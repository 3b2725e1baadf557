/**
 * "How was this computed?" for the optimal-E table (Table 2) and the Inference page's trend: each
 * cell's winning E, N_act, tokens and loss recomputed here from LAWS.md (Eq. 4–7, App. A's counts,
 * the memory rule), by an independent search: each E's compute optimum if it fits, else the largest
 * width that fits (bisection), the lowest loss winning.
 */
import { describe, expect, it } from 'vitest';
import { publishedSet } from '../../../../src-main/engine/common/coefficients';
import { optimalExpertTableProblem, PAPER_MEMORY_BUDGETS, planInferenceOptimal } from '../../../../src-main/engine/joint';
import { planConstraint } from '../../../../src-main/engine/uncertainty';
import { explainBestAllocation, leavesOf, writeExplanation } from '../../../../src-main/engine/explain';
import { allText, headline, RAW, relClose } from './checks';

const JOINT = publishedSet('ludziejewski2025-joint');
const V = 50_257;
const k = { a: 35.91, alpha: -0.1889, delta: -0.2285, gamma: 0.0098, b: 35.98, beta: -0.1775, omega: 0.5529, zeta: -0.0259, eStart: 2.0732, eMax: 290.4521, c: 1.3637 };
const eHat = (E: number) => 1 / (1 / (E - 1 + 1 / (1 / k.eStart - 1 / k.eMax)) + 1 / k.eMax);
const law = (E: number) => {
  const h = eHat(E);
  return { m: k.a * h ** k.delta, mu: k.alpha + k.gamma * Math.log(h), n: k.b * h ** k.omega, nu: k.beta + k.zeta * Math.log(h) };
};
const loss = (N: number, D: number, E: number) => {
  const l = law(E);
  return l.m * N ** l.mu + l.n * D ** l.nu + k.c;
};
const nAct = (d: number) => 2 * d * V + 13 * (d / 64) * d * d;
const nTotal = (d: number, E: number) => 2 * d * V + (4 + 9 * E) * (d / 64) * d * d;
/** bf16 weights plus the MHA cache of 16,384 tokens in bf16. */
const memory = (d: number, E: number) => 2 * nTotal(d, E) + 2 * 16_384 * (d / 64) * 2 * d;
const bisect = (f: (x: number) => number, target: number, lo: number, hi: number) => {
  for (let i = 0; i < 200; i++) {
    const mid = Math.sqrt(lo * hi);
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
};

/** Each E's best design under F and the memory cap, as LAWS.md §1 states the problem. */
function bestByHand(F: number, budget: number, experts: readonly number[]) {
  const designs = experts.map((E) => {
    const l = law(E);
    const N0 = ((l.mu * l.m) / (l.nu * l.n)) ** (-1 / (l.mu + l.nu)) * (F / 6) ** (l.nu / (l.mu + l.nu));
    const d0 = bisect(nAct, N0, 1, 1e7);
    const N = memory(d0, E) <= budget ? N0 : nAct(bisect((d) => memory(d, E), budget, 1, 1e7));
    return { E, N, D: F / (6 * N), L: loss(N, F / (6 * N), E) };
  });
  return designs.reduce((a, b) => (b.L < a.L ? b : a));
}

describe('the optimal-E table, cell by cell', () => {
  it('each of Table 2’s 15 cells: the winning E, its N_act, tokens and loss, recomputed by an independent search', () => {
    const { budgets, memories, experts, constraint } = optimalExpertTableProblem({ coefficients: JOINT });
    expect(memories.map((m) => m.id)).toEqual(PAPER_MEMORY_BUDGETS.map((m) => m.id));
    for (const F of budgets) {
      for (const mem of memories) {
        const x = explainBestAllocation({ experts, constraint: constraint(F, mem), title: 'cell' }, JOINT)!;
        const hand = bestByHand(F, mem.bytes, experts);
        expect(x.note).toMatch(new RegExp(`^E = ${hand.E} has the lowest predicted loss`));
        const N = headline(x, x.headline.some((s) => s.symbol === 'N_opt') ? 'N_opt' : 'N_act');
        relClose(N, hand.N, 1e-7);
        relClose(headline(x, 'L'), hand.L, 1e-9);
        relClose(headline(x, x.headline.some((s) => s.symbol === 'D_opt') ? 'D_opt' : 'D'), hand.D, 1e-7);
        // A memory-bound winner fills the device: weights plus cache at its width is the budget.
        if (x.headline.some((s) => s.symbol === 'M')) relClose(headline(x, 'M'), mem.bytes, 1e-9);
        for (const t of allText(writeExplanation(x))) expect(t).not.toMatch(RAW);
      }
    }
  });
});

describe('the best E as inference grows', () => {
  it('each point’s N_act is where the loss along F = 6·N·D + 2·N·D_inf stops falling, and D is what the budget leaves', () => {
    for (const dInf of [2e10, 2e11, 2e12, 2e13]) {
      const plan = planInferenceOptimal({ flops: 1e23, inferenceTokens: dInf, coefficients: JOINT });
      const x = explainBestAllocation({ experts: plan.experts, constraint: planConstraint(plan), title: 'point' }, JOINT)!;
      const E = Number(/^E = (\d+)/.exec(x.note!)![1]);
      // N_act is the bisection's answer, given to the formulas as a term.
      const Nterm = leavesOf(x.headline, 'term').find((l) => l.symbol === 'N_act')!.value;
      const w = writeExplanation(x);
      const D = headline(x, 'D');
      relClose(D, (1e23 - 2 * Nterm * dInf) / (6 * Nterm), 1e-12);
      relClose(headline(x, 'L'), loss(Nterm, D, E), 1e-12);
      // Stationary along the budget line: a step either way raises the loss.
      const along = (n: number) => loss(n, (1e23 - 2 * n * dInf) / (6 * n), E);
      expect(along(Nterm * 1.001)).toBeGreaterThan(along(Nterm));
      expect(along(Nterm / 1.001)).toBeGreaterThan(along(Nterm));
      expect(w.rows.find((r) => r.symbol === 'D')!.formula).toBe('(F − 2·N_act·D_inf)/(6·N_act)');
    }
  });
});
