/**
 * The dense-vs-MoE allocation law (Wang et al., EMNLP 2024). Only its exponents are published,
 * so absolute N_opt and D_opt come back only for an architecture the request calibrates; an
 * uncalibrated one is a typed `{ calibrated: false, reason, exponents }`, never a number.
 */
import { z } from 'zod';
import { channel, nonNegative, positive } from './define';
import { coefficientSetIdField, flopsField } from './common';
import { denseMoeOptimumSchema } from '../../schema/dense-moe';

const pointCalibration = z.object({
  source: z.literal('point'),
  /** The budget of one compute-optimal run. */
  flops: flopsField,
  /** Its N_opt in non-embedding FLOPs per token; give this or tokens. */
  flopsPerToken: positive('flopsPerToken').max(1e16, 'flopsPerToken must be at most 1e16').optional(),
  /** Its D_opt; give this or flopsPerToken. */
  tokens: positive('tokens').max(1e17, 'tokens must be at most 1e17').optional(),
});

const fitCalibration = z.object({
  source: z.literal('fit'),
  A: positive('A').max(1e12, 'A must be at most 1e12'),
  B: positive('B').max(1e12, 'B must be at most 1e12'),
  alpha: positive('alpha').max(5, 'alpha must be at most 5'),
  beta: positive('beta').max(5, 'beta must be at most 5'),
  sigma: nonNegative('sigma').max(100, 'sigma must be at most 100 nats/token'),
  /** γ, the expert exponent (MoE only). */
  gamma: z.number({ error: 'gamma must be a number' }).finite('gamma must be finite').min(-5, 'gamma must be at least -5').max(5, 'gamma must be at most 5').optional(),
  /** E, experts (MoE only). */
  experts: z.number({ error: 'experts must be a number' }).int('experts must be a whole number').min(1, 'experts must be at least 1').max(4096, 'experts must be at most 4096').optional(),
});

export const denseMoeCalibrationSchema = z.discriminatedUnion('source', [pointCalibration, fitCalibration]);

function checkCalibration(
  cal: z.infer<typeof denseMoeCalibrationSchema> | undefined,
  architecture: 'dense' | 'moe',
  ctx: z.RefinementCtx,
): void {
  if (!cal) return;
  const at = ['calibration', architecture];
  if (cal.source === 'point' && (cal.flopsPerToken === undefined) === (cal.tokens === undefined)) {
    ctx.addIssue({ code: 'custom', path: [...at, 'flopsPerToken'], message: 'a calibration point needs exactly one of flopsPerToken (N_opt) or tokens (D_opt) with its flops' });
  }
  if (cal.source === 'fit' && architecture === 'moe') {
    if (cal.experts === undefined) ctx.addIssue({ code: 'custom', path: [...at, 'experts'], message: 'an MoE fit needs experts (E)' });
    if (cal.gamma === undefined) ctx.addIssue({ code: 'custom', path: [...at, 'gamma'], message: 'an MoE fit needs gamma (γ, the expert exponent)' });
  }
}

export const denseMoeChannels = {
  'denseMoe.optimum': channel({
    summary: 'Compute-optimal N (FLOPs/token) and D for dense and MoE from a calibrated dense-vs-MoE law, curves over budgets, and the 16.37% data-utilisation comparison',
    request: z
      .object({
        flops: flopsField,
        /** Per architecture: one compute-optimal point or a fit of your own runs. Without it, that architecture is refused. */
        calibration: z
          .object({ dense: denseMoeCalibrationSchema.optional(), moe: denseMoeCalibrationSchema.optional() })
          .default({}),
        /** Budgets for the N_opt/D_opt curves. */
        budgets: z.array(flopsField).min(1, 'budgets must list at least one budget').max(500, 'budgets may list at most 500 budgets').optional(),
        coefficientSetId: coefficientSetIdField,
      })
      .superRefine((r, ctx) => {
        checkCalibration(r.calibration.dense, 'dense', ctx);
        checkCalibration(r.calibration.moe, 'moe', ctx);
      }),
    response: denseMoeOptimumSchema,
  }),
};
