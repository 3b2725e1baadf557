/**
 * A next-run proposal (issue 17): the response of nextRun.propose, which a 'next-run' scenario
 * saves: the runs that most narrow the band at the target budget, the band before and after, and
 * the inputs it answered.
 */
import { z } from 'zod';
import { flagSchema } from './flags';
import { provenanceSchema } from './provenance';
import { NEXT_RUN_QUANTITIES, nextRunInputsSchema } from './scenario-inputs';

const band = z.object({ low: z.number(), high: z.number() });
const run = z.object({
  nAct: z.number(),
  tokens: z.number(),
  experts: z.number(),
  flops: z.number(),
  gpuHours: z.number(),
  predictedLoss: z.number(),
  bandAfter: band,
});

export const nextRunProposalSchema = z.object({
  quantity: z.enum(NEXT_RUN_QUANTITIES),
  targetFlops: z.number(),
  planExperts: z.array(z.number()),
  plan: z.object({ experts: z.number(), nAct: z.number(), tokens: z.number(), loss: z.number() }),
  noise: z.number(),
  noiseDof: z.number(),
  replicates: z.number(),
  fixed: z.record(z.string(), z.number()),
  bootstrapBand: band,
  runs: z.array(run),
  gpuHours: z.number(),
  gpuHoursAllowance: z.number(),
  strategy: z.enum(['gain', 'gain-per-gpu-hour']),
  prior: z.enum(['ensemble', 'jacobian']),
  shortlist: z.array(z.object({ prior: z.enum(['ensemble', 'jacobian']), strategy: z.enum(['gain', 'gain-per-gpu-hour']), runs: z.number(), gpuHours: z.number(), predicted: band, simulated: band.nullable() })),
  candidates: z.number(),
  predicted: z.object({ before: band, after: band }),
  simulated: z
    .object({
      worlds: z.number(),
      failed: z.number(),
      seed: z.number(),
      before: band,
      after: band,
      /** Each world's error of the refit recommendation, the failed left out (absent in proposals saved before it was kept). */
      errors: z.object({ before: z.array(z.number()), after: z.array(z.number()) }).optional(),
    })
    .nullable(),
  flags: z.array(flagSchema),
  method: z.string(),
  /** The request with its defaults filled: what a saved scenario keeps as inputs. */
  inputs: nextRunInputsSchema,
  /** Where the inputs came from. */
  project: z.object({ id: z.string(), name: z.string(), runs: z.number() }),
  hardware: z.object({ id: z.string(), name: z.string(), peakFlopsPerDevice: z.number(), utilization: z.number() }),
  provenance: provenanceSchema,
  /** The answer in one paragraph. */
  answer: z.string(),
  seconds: z.number(),
});
export type NextRunProposalData = z.infer<typeof nextRunProposalSchema>;
