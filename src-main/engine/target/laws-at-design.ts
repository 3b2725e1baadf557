/**
 * The law-disagreement panel: for one design (N_act, D, E in the joint law's architecture), what
 * every law that can speak to it predicts, and whether it does so inside its fitted range.
 * Efficiency Leverage predicts no loss of its own: it says how much dense compute the MoE is
 * worth, and the loss shown is the joint law's compute-optimal dense loss at that compute.
 */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { countParameters } from '../accounting/parameter-counts';
import { exactShapeForActive } from '../accounting/shape-solver';
import { efficiencyLeverage } from '../leverage/efficiency-leverage';
import { jointCoefficients } from '../joint/coefficients';
import { computeOptimum } from '../joint/optimum';
import { perExpertLaw } from '../joint/per-expert-law';
import { chinchillaSurface, comprehensiveSurface, jointSurface, lossOn } from './loss-surface';
import { flops as fmtFlops, significant as fmtSig } from '../../format';

export type DesignLawId = 'joint' | 'comprehensive' | 'leverage' | 'chinchilla';

export interface DesignPrediction {
  law: DesignLawId;
  coefficientSetId: string | null;
  /** nats/token on the law's own data; null when the law does not describe this design. */
  loss: number | null;
  /** How the number was obtained, in a sentence. */
  basis: string;
  status: 'inside-fitted-range' | 'extrapolated' | 'not-applicable';
  flags: ResultFlag[];
}

export interface DesignForLaws {
  nAct: number;
  tokens: number;
  experts: number;
}

const status = (flags: ResultFlag[]) => (flags.some((f) => f.severity === 'warning') ? ('extrapolated' as const) : ('inside-fitted-range' as const));
const none = (law: DesignLawId, basis: string): DesignPrediction => ({ law, coefficientSetId: null, loss: null, basis, status: 'not-applicable', flags: [] });

export function lawsAtDesign(d: DesignForLaws, sets: Partial<Record<DesignLawId, CoefficientSet>>): DesignPrediction[] {
  const out: DesignPrediction[] = [];
  const flops = 6 * d.nAct * d.tokens;
  if (sets.joint) {
    const s = jointSurface(sets.joint, d.experts);
    if ('reason' in s) out.push(none('joint', s.reason));
    else {
      const flags = s.flags({ n: d.nAct, tokens: d.tokens, flops });
      out.push({ law: 'joint', coefficientSetId: sets.joint.id, loss: lossOn(s, d.nAct, d.tokens), basis: `Eq. 6 at E = ${d.experts}.`, status: status(flags), flags });
    }
  }
  if (sets.comprehensive) {
    if (d.experts < 2) out.push(none('comprehensive', 'The comprehensive law describes MoE models only.'));
    else {
      const s = comprehensiveSurface(sets.comprehensive, d.experts);
      const flags = s.flags({ n: d.nAct, tokens: d.tokens, flops });
      out.push({ law: 'comprehensive', coefficientSetId: sets.comprehensive.id, loss: lossOn(s, d.nAct, d.tokens), basis: `Five-factor law with N = N_total of the E = ${d.experts} shape, N_a = N_act, G = 1 (top-1), S = 0.`, status: status(flags), flags });
    }
  }
  if (sets.leverage) {
    if (d.experts < 2) out.push(none('leverage', 'Efficiency Leverage compares an MoE with a dense model; this design is dense.'));
    else {
      // Top-1 routing over E experts, each a SwiGLU FFN of hidden 3·d_model: A = 1/E, G = 2·d_model/(3·d_model).
      const nonEmbedding = countParameters(exactShapeForActive(d.nAct, d.experts)).nActNonEmbedding;
      const c = 6 * nonEmbedding * d.tokens;
      const el = efficiencyLeverage({ activation: 1 / d.experts, granularity: 2 / 3, flops: c }, sets.leverage);
      let loss: number | null = null;
      let basis = `EL = ${fmtSig(el.el, 4)} at A = 1/E, G = 2/3, C = ${fmtFlops(c, 4)} non-embedding FLOPs`;
      if (sets.joint) {
        loss = computeOptimum(perExpertLaw(1, jointCoefficients(sets.joint)), el.el * flops).loss;
        basis += `; loss of the joint law's compute-optimal dense model at EL × ${fmtFlops(flops, 4)} FLOPs.`;
      } else basis += '; no joint set to read the dense equivalent\'s loss.';
      out.push({ law: 'leverage', coefficientSetId: sets.leverage.id, loss, basis, status: status(el.flags), flags: el.flags });
    }
  }
  if (sets.chinchilla) {
    if (d.experts !== 1) out.push(none('chinchilla', 'Chinchilla describes dense models only.'));
    else {
      const s = chinchillaSurface(sets.chinchilla);
      const flags = s.flags({ n: d.nAct, tokens: d.tokens, flops });
      out.push({ law: 'chinchilla', coefficientSetId: sets.chinchilla.id, loss: lossOn(s, d.nAct, d.tokens), basis: 'L = E + A/N^α + B/D^β with N = N_act.', status: status(flags), flags });
    }
  }
  return out;
}
