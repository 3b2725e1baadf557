/**
 * Service of the dense-vs-MoE allocation law (Wang et al., EMNLP 2024). The published set has
 * exponents only: an architecture the request does not calibrate comes back as a typed
 * refusal carrying its exponents, never as absolute numbers.
 */
import {
  calibrateFromFit,
  calibrateFromPoint,
  dataUtilisationComparison,
  denseMoeCurve,
  denseMoeModel,
  denseMoeOptimum,
  type DenseMoeArchitecture,
  type DenseMoeModel,
} from '../engine/dense-moe';
import type { ParsedRequestOf } from '../ipc/contract';
import type { Handlers } from './handlers';
import type { CoefficientSet } from '../engine/common/coefficients';
import { resolveCoefficientSet } from './provenance';

type Calibration = NonNullable<ParsedRequestOf<'denseMoe.optimum'>['calibration']['dense']>;

function calibrate(model: DenseMoeModel, architecture: DenseMoeArchitecture, cal: Calibration | undefined): DenseMoeModel {
  if (!cal) return model;
  if (cal.source === 'point') {
    return calibrateFromPoint(model, architecture, {
      flops: cal.flops,
      ...(cal.flopsPerToken !== undefined ? { flopsPerToken: cal.flopsPerToken } : {}),
      ...(cal.tokens !== undefined ? { tokens: cal.tokens } : {}),
    });
  }
  return calibrateFromFit(model, architecture, {
    A: cal.A,
    B: cal.B,
    alpha: cal.alpha,
    beta: cal.beta,
    sigma: cal.sigma,
    ...(cal.gamma !== undefined ? { gamma: cal.gamma } : {}),
    ...(cal.experts !== undefined ? { experts: cal.experts } : {}),
  });
}

/** The set's model with the request's calibrations applied (shared with explain.figure). */
export function calibratedModel(set: CoefficientSet, calibration: ParsedRequestOf<'denseMoe.optimum'>['calibration']): DenseMoeModel {
  return calibrate(calibrate(denseMoeModel(set), 'dense', calibration.dense), 'moe', calibration.moe);
}

export const denseMoeHandlers: Pick<Handlers, 'denseMoe.optimum'> = {
  'denseMoe.optimum': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'dense-moe', r.coefficientSetId);
    const model = calibratedModel(set, r.calibration);

    const optimum = (architecture: DenseMoeArchitecture) => {
      const res = denseMoeOptimum(model, architecture, r.flops);
      if (!res.calibrated) return res;
      const cal = model.calibration[architecture]!;
      return {
        calibrated: true as const,
        architecture,
        flops: res.flops,
        flopsPerToken: res.flopsPerToken,
        tokens: res.tokens,
        calibrationSource: res.calibrationSource,
        // A fit brings its own exponents; a point keeps the published ones.
        exponents: { nExp: cal.nExp, dExp: cal.dExp },
        flags: res.flags,
      };
    };
    const curve = (architecture: DenseMoeArchitecture, budgets: number[]) => {
      const res = denseMoeCurve(model, architecture, budgets);
      if (!res.calibrated) return res;
      return { calibrated: true as const, architecture, points: res.points.map((p) => ({ flops: p.flops, flopsPerToken: p.flopsPerToken, tokens: p.tokens })) };
    };

    const dense = optimum('dense');
    const moe = optimum('moe');
    const utilisation = dataUtilisationComparison(set);
    return {
      flops: r.flops,
      calibrated: dense.calibrated || moe.calibrated,
      dense,
      moe,
      curves: r.budgets ? { budgets: r.budgets, dense: curve('dense', r.budgets), moe: curve('moe', r.budgets) } : null,
      dataUtilisation: { dense: utilisation.dense, moe: utilisation.moe, relativeGain: utilisation.relativeGain },
      flags: [...(dense.calibrated ? dense.flags : []), ...(moe.calibrated ? moe.flags : [])],
      provenance,
    };
  },
};
