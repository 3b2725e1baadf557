/** Which law and coefficient set produced a number, with their citations. */
import { z } from 'zod';

export const COEFFICIENT_PROVENANCES = ['published-table', 'secondary-transcription', 'partial', 'user-fit', 'user-edited'] as const;

export const provenanceSchema = z.object({
  law: z.object({ id: z.string(), name: z.string(), citation: z.string() }),
  coefficientSet: z.object({
    id: z.string(),
    name: z.string(),
    citation: z.string(),
    provenance: z.enum(COEFFICIENT_PROVENANCES),
  }),
});
export type ProvenanceInfo = z.infer<typeof provenanceSchema>;
