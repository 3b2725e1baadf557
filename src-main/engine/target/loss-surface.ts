/**
 * Reverse planning works on any law that, for one architecture, separates into a model term and
 * a data term: L(N, D) = h(N) + n·D^ν + c, with h falling in N and ν < 0. The joint law per E
 * (Eq. 5), Chinchilla and the comprehensive law with G = 1, S = 0 all have this form, so one set
 * of solvers serves every law; only h and how N maps to total parameters differ.
 */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { countParameters } from '../accounting/parameter-counts';
import { exactShapeForActive } from '../accounting/shape-solver';
import type { BasedShape } from '../accounting/architecture';
import { chinchillaCoefficients } from '../chinchilla/coefficients';
import { chinchillaFlags } from '../chinchilla/loss';
import { comprehensiveCoefficients } from '../comprehensive/coefficients';
import { comprehensiveFlags, lossUnchecked as comprehensiveLossValue } from '../comprehensive/loss';
import { jointCoefficients } from '../joint/coefficients';
import { jointFlags } from '../joint/joint-flags';
import { hasInteriorOptimum, perExpertLaw, type PerExpertLaw } from '../joint/per-expert-law';
import { significant as fmtSig } from '../../format';

export type TargetLawId = 'joint' | 'chinchilla' | 'comprehensive';

export interface LossSurface {
  law: TargetLawId;
  coefficientSetId: string;
  experts: number;
  /** The model term h(N); N is the law's own size variable (active parameters, or Chinchilla's N). */
  modelTerm: (n: number) => number;
  /** L = h(N) + dataScale·D^dataExponent + floor. */
  dataScale: number;
  dataExponent: number;
  floor: number;
  /** Total parameters (what serving memory holds) of the model whose size variable is N. */
  totalParams: (n: number) => number;
  /** The paper-rule shape of that model, for its KV cache. */
  shape: (n: number) => BasedShape;
  flags: (q: { n: number; tokens: number; flops: number }) => ResultFlag[];
  /** Set when the per-E law is Chinchilla-shaped with an interior optimum: the forward problem's closed form. */
  perExpert: PerExpertLaw | null;
}

export function lossOn(s: LossSurface, n: number, tokens: number): number {
  return s.modelTerm(n) + s.dataScale * Math.pow(tokens, s.dataExponent) + s.floor;
}

function activeShape(n: number, experts: number): BasedShape {
  return exactShapeForActive(n, experts);
}

/** Joint law at one E (Eq. 5): h(N_act) = m·N_act^μ; null when this E has no interior optimum. */
/** Read once per set: bootstrap loops build a surface per replicate and per E from the same set object. */
const jointRead = new WeakMap<CoefficientSet, ReturnType<typeof jointCoefficients>>();

export function jointSurface(set: CoefficientSet, experts: number): LossSurface | { reason: string } {
  let k = jointRead.get(set);
  if (!k) jointRead.set(set, (k = jointCoefficients(set)));
  const law = perExpertLaw(experts, k);
  if (!hasInteriorOptimum(law)) {
    return { reason: `Coefficient set "${set.id}" gives E = ${experts} no falling model and data terms (μ = ${fmtSig(law.mu, 4)}, ν = ${fmtSig(law.nu, 4)}).` };
  }
  return {
    law: 'joint',
    coefficientSetId: set.id,
    experts,
    modelTerm: (n) => law.m * Math.pow(n, law.mu),
    dataScale: law.n,
    dataExponent: law.nu,
    floor: law.c,
    totalParams: (n) => countParameters(activeShape(n, experts)).nTotal,
    shape: (n) => activeShape(n, experts),
    flags: ({ n, tokens, flops }) => jointFlags({ experts, nAct: n, nTotal: countParameters(activeShape(n, experts)).nTotal, tokens, flops }),
    perExpert: law,
  };
}

/** Chinchilla (dense only): h(N) = A/N^α, D-term B/D^β, floor E. */
export function chinchillaSurface(set: CoefficientSet): LossSurface {
  const c = chinchillaCoefficients(set);
  return {
    law: 'chinchilla',
    coefficientSetId: set.id,
    experts: 1,
    modelTerm: (n) => c.A * Math.pow(n, -c.alpha),
    dataScale: c.B,
    dataExponent: -c.beta,
    floor: c.E,
    totalParams: (n) => n,
    shape: (n) => activeShape(n, 1),
    flags: ({ n, tokens }) => chinchillaFlags({ params: n, tokens }),
    perExpert: { experts: 1, eHat: 1, m: c.A, mu: -c.alpha, n: c.B, nu: -c.beta, c: c.E },
  };
}

/**
 * The comprehensive law for the joint law's architecture at E experts: top-1 routing, so one
 * activated expert (G = 1) and no shared expert (S = 0); N_a = N_act, N = N_total of that shape.
 */
export function comprehensiveSurface(set: CoefficientSet, experts: number): LossSurface {
  const k = comprehensiveCoefficients(set);
  const total = (n: number) => countParameters(activeShape(n, experts)).nTotal;
  const modelTerm = (n: number) => comprehensiveLossValue({ total: total(n), active: n, tokens: Infinity, activeExperts: 1, sharedRatio: 0 }, k) - k.epsilon;
  return {
    law: 'comprehensive',
    coefficientSetId: set.id,
    experts,
    modelTerm,
    dataScale: k.b,
    dataExponent: -k.beta,
    floor: k.epsilon,
    totalParams: total,
    shape: (n) => activeShape(n, experts),
    flags: ({ n, tokens }) => comprehensiveFlags({ total: total(n), active: n, tokens, activeExperts: 1, sharedRatio: 0 }),
    perExpert: null,
  };
}
