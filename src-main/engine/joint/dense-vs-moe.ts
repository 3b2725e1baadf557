/**
 * Dense versus MoE, the two ways the paper argues it: the compute an MoE saves to reach the
 * compute-optimal dense loss (Fig. 2b), and the rule of thumb at a fixed total parameter count (Sec. 4.5).
 */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import type { BasedShape } from '../accounting/architecture';
import { countParameters } from '../accounting/parameter-counts';
import { exactShapeForTotal, nearestBuildableShape } from '../accounting/shape-solver';
import { requireExpertList, requirePositiveFinite } from '../accounting/validate';
import { jointCoefficients } from './coefficients';
import { jointFlags } from './joint-flags';
import { computeOptimum, flopsToReachLoss } from './optimum';
import { hasInteriorOptimum, perExpertLaw, perExpertLoss, type PerExpertLaw } from './per-expert-law';
import { DEFAULT_EXPERTS } from './plan-options';
import { significant as fmtSig, decimals as fmtFixed } from '../../format';

export interface DenseMoeOptions {
  flops: number;
  experts?: readonly number[];
  coefficients?: CoefficientSet;
}

export interface MatchedMoe {
  feasible: true;
  experts: number;
  /** Training FLOPs at which this E's compute-optimal model reaches the dense model's loss. */
  flopsToMatch: number;
  /** 1 − flopsToMatch / F: the share of the dense budget the MoE does not need. */
  savings: number;
  nAct: number;
  tokens: number;
  loss: number;
  flags: ResultFlag[];
}

export type MatchedMoeResult = MatchedMoe | { feasible: false; experts: number; reason: string; flags: ResultFlag[] };

export interface DenseMoeComparison {
  flops: number;
  coefficientSetId: string;
  dense: { nAct: number; tokens: number; loss: number; flags: ResultFlag[] };
  perExpert: MatchedMoeResult[];
}

function noOptimum(law: PerExpertLaw, setId: string): string {
  return `Coefficient set "${setId}" gives E = ${law.experts} no compute optimum (μ = ${fmtSig(law.mu, 4)}, ν = ${fmtSig(law.nu, 4)}).`;
}

export function compareDenseMoe(o: DenseMoeOptions): DenseMoeComparison {
  const flops = requirePositiveFinite(o.flops, 'flops');
  const experts = requireExpertList(o.experts ?? DEFAULT_EXPERTS);
  const k = jointCoefficients(o.coefficients);
  const denseLaw = perExpertLaw(1, k);
  if (!hasInteriorOptimum(denseLaw)) throw new Error(noOptimum(denseLaw, k.setId));
  const dense = computeOptimum(denseLaw, flops);
  const perExpert = experts.map((e): MatchedMoeResult => {
    const law = perExpertLaw(e, k);
    if (!hasInteriorOptimum(law)) return { feasible: false, experts: e, reason: noOptimum(law, k.setId), flags: jointFlags({ experts: e }) };
    const f = flopsToReachLoss(law, dense.loss);
    if (f === null) {
      return {
        feasible: false,
        experts: e,
        reason: `E = ${e} never reaches the dense loss ${fmtFixed(dense.loss, 4)}: it is at or below the irreducible loss ${law.c}.`,
        flags: jointFlags({ experts: e }),
      };
    }
    const at = computeOptimum(law, f);
    return {
      feasible: true,
      experts: e,
      flopsToMatch: f,
      savings: 1 - f / flops,
      nAct: at.nAct,
      tokens: at.tokens,
      loss: at.loss,
      flags: jointFlags({ experts: e, nAct: at.nAct, tokens: at.tokens, flops: f }),
    };
  });
  return {
    flops,
    coefficientSetId: k.setId,
    dense: { ...dense, flags: jointFlags({ experts: 1, nAct: dense.nAct, tokens: dense.tokens, flops }) },
    perExpert,
  };
}

export interface RuleOfThumbOptions {
  /** Total parameter count shared by the dense model and every MoE (the memory footprint). */
  totalParams: number;
  /** Defaults to the paper's rule range, E ∈ {2, 4, 8}; the dense model is always included. */
  experts?: readonly number[];
  /** Dense training tokens; default is compute-optimal for a dense model of totalParams. */
  denseTokens?: number;
  coefficients?: CoefficientSet;
}

export interface RuleOfThumbEntry {
  experts: number;
  basis: 'exact';
  shape: BasedShape;
  nAct: number;
  nTotal: number;
  /** E × the dense tokens, as the rule prescribes. */
  tokens: number;
  loss: number;
  trainingFlops: number;
  beatsDense: boolean;
  /** 1 − N_act(E) / N_act(dense): inference FLOPs per token saved. */
  flopsPerTokenSavings: number;
  /** Same training FLOPs as the dense run instead of E× the tokens (Fig. 1b's comparison). */
  computeMatched: { tokens: number; loss: number; beatsDense: boolean };
  /** The nearest buildable shape for this total, with its own counts. */
  buildable: { basis: 'buildable'; shape: BasedShape; nAct: number; nTotal: number; flopsPerTokenSavings: number };
  flags: ResultFlag[];
}

export interface RuleOfThumbResult {
  totalParams: number;
  coefficientSetId: string;
  dense: { nAct: number; tokens: number; loss: number; trainingFlops: number; tokensAreComputeOptimal: boolean; buildable: { shape: BasedShape; nAct: number } };
  perExpert: RuleOfThumbEntry[];
}

/** Tokens at which a dense model of nAct parameters is the compute-optimal one: invert N_opt(F). */
function computeOptimalTokensFor(law: PerExpertLaw, nAct: number): number {
  const probe = computeOptimum(law, 6);
  const exponent = law.nu / (law.mu + law.nu);
  const flopsOver6 = Math.pow(nAct / probe.nAct, 1 / exponent);
  return flopsOver6 / nAct;
}

export function ruleOfThumb(o: RuleOfThumbOptions): RuleOfThumbResult {
  const totalParams = requirePositiveFinite(o.totalParams, 'totalParams');
  const experts = requireExpertList(o.experts ?? [2, 4, 8]);
  const k = jointCoefficients(o.coefficients);
  const denseLaw = perExpertLaw(1, k);
  if (!hasInteriorOptimum(denseLaw) && o.denseTokens === undefined) throw new Error(noOptimum(denseLaw, k.setId));
  const denseTokens = o.denseTokens === undefined ? computeOptimalTokensFor(denseLaw, totalParams) : requirePositiveFinite(o.denseTokens, 'denseTokens');
  const denseLoss = perExpertLoss(denseLaw, totalParams, denseTokens);
  const denseFlops = 6 * totalParams * denseTokens;
  const denseBuildable = nearestBuildableShape(totalParams, 1, 'nTotal');
  const denseBuildableAct = countParameters(denseBuildable).nAct;

  const perExpert = experts.map((e): RuleOfThumbEntry => {
    const law = perExpertLaw(e, k);
    const shape = exactShapeForTotal(totalParams, e);
    const nAct = countParameters(shape).nAct;
    const tokens = e * denseTokens;
    const loss = perExpertLoss(law, nAct, tokens);
    const matchedTokens = denseFlops / (6 * nAct);
    const matchedLoss = perExpertLoss(law, nAct, matchedTokens);
    const b = nearestBuildableShape(totalParams, e, 'nTotal');
    const bc = countParameters(b);
    return {
      experts: e,
      basis: 'exact',
      shape,
      nAct,
      nTotal: totalParams,
      tokens,
      loss,
      trainingFlops: 6 * nAct * tokens,
      beatsDense: loss < denseLoss,
      flopsPerTokenSavings: 1 - nAct / totalParams,
      computeMatched: { tokens: matchedTokens, loss: matchedLoss, beatsDense: matchedLoss < denseLoss },
      buildable: { basis: 'buildable', shape: b, nAct: bc.nAct, nTotal: bc.nTotal, flopsPerTokenSavings: 1 - bc.nAct / denseBuildableAct },
      flags: jointFlags({ experts: e, nAct, nTotal: totalParams, tokens, flops: 6 * nAct * tokens }),
    };
  });
  return {
    totalParams,
    coefficientSetId: k.setId,
    dense: {
      nAct: totalParams,
      tokens: denseTokens,
      loss: denseLoss,
      trainingFlops: denseFlops,
      tokensAreComputeOptimal: o.denseTokens === undefined,
      buildable: { shape: denseBuildable, nAct: denseBuildableAct },
    },
    perExpert,
  };
}
