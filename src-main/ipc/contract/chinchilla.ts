/** Channels of the Chinchilla dense baseline (Hoffmann et al. 2022; Besiroglu et al. 2024 refit). */
import { z } from 'zod';
import { channel, positive } from './define';
import { coefficientSetIdField, flopsField } from './common';
import { chinchillaLossSchema, chinchillaPlanSchema } from '../../schema/chinchilla';

export const chinchillaChannels = {
  'law.chinchilla': channel({
    summary: 'Loss of the Chinchilla dense law for N parameters on D tokens (besiroglu2024 by default, or hoffmann2022)',
    request: z.object({
      params: positive('params').max(1e15, 'params must be at most 1e15'),
      tokens: positive('tokens').max(1e17, 'tokens must be at most 1e17'),
      coefficientSetId: coefficientSetIdField,
    }),
    response: chinchillaLossSchema,
  }),
  'plan.chinchilla': channel({
    summary: 'Compute-optimal dense N and D (F = 6·N·D) and their loss for a FLOP budget (besiroglu2024 by default, or hoffmann2022)',
    request: z.object({ flops: flopsField, coefficientSetId: coefficientSetIdField }),
    response: chinchillaPlanSchema,
  }),
};
