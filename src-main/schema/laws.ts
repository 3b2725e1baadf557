/**
 * The law registry as laws.list answers it: each law's citation, variables and units, fitted
 * ranges and the design questions it answers. The service writes the engine's description for
 * the wire (fitted ranges as a list with nulls for missing bounds, the default set's provenance),
 * so only the variables are mirrored whole.
 */
import { z } from 'zod';
import type { LawVariable } from '../engine/common/law-description';
import type { LawEntry } from '../engine/laws';
import { QUESTION_IDS } from '../engine/ids';
import { mirrors } from './mirror';
import { provenanceSchema } from './provenance';

const variableSchema = z.object({ name: z.string(), symbol: z.string(), unit: z.string(), description: z.string() });
/** A variable's `label` words the engine's flag messages; the registry's readers show its name and symbol. */
mirrors<z.infer<typeof variableSchema>, Omit<LawVariable, 'label'>>(true);

const familySchema = z.enum(['dense', 'moe']);

export const lawListingSchema = z.object({
  id: z.string(),
  name: z.string(),
  citation: z.string(),
  variables: z.array(variableSchema),
  fittedRanges: z.array(
    z.object({
      variable: z.string(),
      /** The variable in a planner's words ("active parameters") and its symbol ("N_act"): what a reader is shown instead of `variable`. */
      label: z.string(),
      symbol: z.string(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      unit: z.string(),
      note: z.string().nullable(),
    }),
  ),
  /** What the ranges do not say: a joint check beyond them, or why a law has none. */
  domainNote: z.string().nullable(),
  /** Planner-worded questions the law can answer. */
  questions: z.array(z.string()),
  /** Machine ids of those questions, as used by `question`. */
  answers: z.array(z.enum(QUESTION_IDS)),
  families: z.array(familySchema),
  needsCalibration: z.boolean(),
  /** The values a coefficient set of this law holds (what coefficients.create and update take). */
  coefficientKeys: z.array(z.string()),
  /** The coefficient set used when a request names none. */
  defaultCoefficientSet: provenanceSchema.shape.coefficientSet,
});
type Listing = z.infer<typeof lawListingSchema>;
/** The registry entry's own fields (its description is written out above). */
mirrors<Pick<Listing, 'answers' | 'families' | 'needsCalibration' | 'coefficientKeys'>, { [K in Exclude<keyof LawEntry, 'description'>]: LawEntry[K] extends readonly (infer U)[] ? U[] : LawEntry[K] }>(true);

/** laws.list: every law, or those answering one question. */
export const lawsListSchema = z.object({
  question: z.enum(QUESTION_IDS).nullable(),
  questionIds: z.array(z.enum(QUESTION_IDS)),
  laws: z.array(lawListingSchema),
});
