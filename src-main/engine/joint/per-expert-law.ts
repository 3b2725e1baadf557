import type { JointCoefficients } from './coefficients';
import { transformedExperts } from './expert-transform';

/**
 * Eq. 5: for a fixed E the joint law is Chinchilla-shaped, L = m·N^μ + n·D^ν + c. Users compare
 * these numbers with their own per-E fits, so the reduction is a public result, not an internal step.
 */
export interface PerExpertLaw {
  experts: number;
  eHat: number;
  m: number;
  mu: number;
  n: number;
  nu: number;
  c: number;
}

export function perExpertLaw(experts: number, k: JointCoefficients): PerExpertLaw {
  const eHat = transformedExperts(experts, k);
  const lnE = Math.log(eHat);
  return {
    experts,
    eHat,
    m: k.a * Math.pow(eHat, k.delta),
    mu: k.alpha + k.gamma * lnE,
    n: k.b * Math.pow(eHat, k.omega),
    nu: k.beta + k.zeta * lnE,
    c: k.c,
  };
}

export function perExpertLoss(law: PerExpertLaw, nAct: number, tokens: number): number {
  return law.m * Math.pow(nAct, law.mu) + law.n * Math.pow(tokens, law.nu) + law.c;
}

/** The compute-optimum closed form exists only when both terms fall with scale. */
export function hasInteriorOptimum(law: PerExpertLaw): boolean {
  return law.m > 0 && law.n > 0 && law.mu < 0 && law.nu < 0;
}
