/**
 * The Chinchilla dense baseline's answers (Hoffmann et al. 2022; Besiroglu et al. 2024 refit): the
 * loss for N parameters on D tokens (law.chinchilla) and the compute-optimal N and D for a budget
 * (plan.chinchilla). The service echoes the request, names the set's approach and adds provenance.
 */
import { z } from 'zod';
import type { ChinchillaPlan } from '../engine/chinchilla/compute-optimal';
import type { ChinchillaLossResult } from '../engine/chinchilla/loss';
import { flagSchema } from './flags';
import { mirrors } from './mirror';
import { provenanceSchema } from './provenance';

const figures = {
  params: z.number(),
  tokens: z.number(),
  /** Training compute F = 6·N·D. */
  flops: z.number(),
  tokensPerParam: z.number(),
  /** nats/token. */
  loss: z.number(),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
};

export const chinchillaLossSchema = z.object(figures);
mirrors<Pick<z.infer<typeof chinchillaLossSchema>, 'loss' | 'flops' | 'flags'>, ChinchillaLossResult>(true);

export const chinchillaPlanSchema = z.object({
  ...figures,
  /** Which of Hoffmann et al.'s approaches the set's allocation comes from, and what it gives at Chinchilla's own budget. */
  approach: z.string(),
});
/** The engine names its set by id (`coefficients`); the answer carries the whole provenance instead. */
mirrors<Omit<z.infer<typeof chinchillaPlanSchema>, 'provenance' | 'approach'>, Omit<ChinchillaPlan, 'coefficients'>>(true);
