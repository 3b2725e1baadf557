/**
 * N_opt and D_opt for dense and MoE. Absolute numbers only from a calibrated architecture;
 * otherwise a typed refusal that still carries the (published) exponents, so the UI can show
 * the shape of the curve without inventing a scale.
 */
import type { ResultFlag } from '../common/flags';
import { requireList, requirePositive } from '../common/require-input';
import { requireArchitecture, type AllocationExponents, type DenseMoeArchitecture } from './coefficients';
import type { AllocationCalibration, DenseMoeModel } from './calibration';
import { flops as fmtFlops } from '../../format';

export interface Uncalibrated {
  calibrated: false;
  architecture: DenseMoeArchitecture;
  reason: string;
  exponents: AllocationExponents;
}

export interface DenseMoeOptimum {
  calibrated: true;
  architecture: DenseMoeArchitecture;
  flops: number;
  /** N_opt: non-embedding FLOPs per token. */
  flopsPerToken: number;
  /** D_opt: training tokens. */
  tokens: number;
  calibrationSource: AllocationCalibration['source'];
  flags: ResultFlag[];
}

/** Budgets more than this factor away from the calibration point get a warning. */
const FAR_FROM_CALIBRATION = 100;

function uncalibrated(model: DenseMoeModel, architecture: DenseMoeArchitecture): Uncalibrated {
  return {
    calibrated: false,
    architecture,
    reason:
      `The ${architecture} law has published exponents only (N_opt grows as C to the power ${model.exponents[architecture].nExp}, ` +
      `D_opt as C to the power ${model.exponents[architecture].dExp}); calibrate it with one compute-optimal point or a fit of your own runs before reading absolute numbers.`,
    exponents: model.exponents[architecture],
  };
}

function calibrationFlags(cal: AllocationCalibration, architecture: DenseMoeArchitecture, flops: number): ResultFlag[] {
  if (cal.source !== 'compute-optimal-point') return [];
  const ratio = flops / cal.point.flops;
  if (ratio <= FAR_FROM_CALIBRATION && ratio >= 1 / FAR_FROM_CALIBRATION) return [];
  return [
    {
      code: 'dense-moe-far-from-calibration',
      severity: 'warning',
      variable: 'flops',
      value: flops,
      range: { min: cal.point.flops / FAR_FROM_CALIBRATION, max: cal.point.flops * FAR_FROM_CALIBRATION },
      message:
        `Extrapolation: the ${architecture} curve is anchored at C = ${fmtFlops(cal.point.flops, 4)} FLOPs; ` +
        `C = ${fmtFlops(flops, 4)} is more than ${FAR_FROM_CALIBRATION}x away, so errors in the exponent grow.`,
    },
  ];
}

export function denseMoeOptimum(
  model: DenseMoeModel,
  architecture: DenseMoeArchitecture,
  flops: number,
): DenseMoeOptimum | Uncalibrated {
  requireArchitecture(architecture);
  requirePositive('flops', flops);
  const cal = model.calibration[architecture];
  if (!cal) return uncalibrated(model, architecture);
  return {
    calibrated: true,
    architecture,
    flops,
    flopsPerToken: cal.nCoef * Math.pow(flops, cal.nExp),
    tokens: cal.dCoef * Math.pow(flops, cal.dExp),
    calibrationSource: cal.source,
    flags: calibrationFlags(cal, architecture, flops),
  };
}

/** N_opt and D_opt along a list of budgets (one refusal if the architecture is uncalibrated). */
export function denseMoeCurve(
  model: DenseMoeModel,
  architecture: DenseMoeArchitecture,
  flops: readonly number[],
): { calibrated: true; architecture: DenseMoeArchitecture; points: DenseMoeOptimum[] } | Uncalibrated {
  requireArchitecture(architecture);
  const budgets = requireList('flops', flops, requirePositive);
  if (!model.calibration[architecture]) return uncalibrated(model, architecture);
  const points = budgets.map((f) => denseMoeOptimum(model, architecture, f) as DenseMoeOptimum);
  return { calibrated: true, architecture, points };
}
