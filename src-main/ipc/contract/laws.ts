/** The law registry over the contract: what each law is, its units and fitted ranges, and the questions it answers. */
import { z } from 'zod';
import { channel } from './define';
import { QUESTION_IDS } from './ids';

export { QUESTION_IDS };

const questionField = z.enum(QUESTION_IDS, { error: `question must be one of ${QUESTION_IDS.join(', ')}` });

const lawSchema = z.object({
  id: z.string(),
  name: z.string(),
  citation: z.string(),
  variables: z.array(z.object({ name: z.string(), symbol: z.string(), unit: z.string(), description: z.string() })),
  fittedRanges: z.array(
    z.object({ variable: z.string(), min: z.number().nullable(), max: z.number().nullable(), unit: z.string(), note: z.string().nullable() }),
  ),
  /** What the ranges do not say: a joint check beyond them, or why a law has none. */
  domainNote: z.string().nullable(),
  /** Planner-worded questions the law can answer. */
  questions: z.array(z.string()),
  /** Machine ids of those questions, as used by `question`. */
  answers: z.array(z.enum(QUESTION_IDS)),
  families: z.array(z.enum(['dense', 'moe'])),
  needsCalibration: z.boolean(),
  /** The coefficient set used when a request names none. */
  defaultCoefficientSet: z.object({
    id: z.string(),
    name: z.string(),
    citation: z.string(),
    provenance: z.enum(['published-table', 'secondary-transcription', 'partial', 'user-fit', 'user-edited']),
  }),
});

export const lawsChannels = {
  'laws.list': channel({
    summary: 'Every law with its citation, variables and units, fitted ranges and the design questions it answers; optionally only those answering one question',
    request: z.object({ question: questionField.optional(), family: z.enum(['dense', 'moe']).optional() }),
    response: z.object({
      question: z.enum(QUESTION_IDS).nullable(),
      questionIds: z.array(z.enum(QUESTION_IDS)),
      laws: z.array(lawSchema),
    }),
  }),
};
