/**
 * Every law the engine implements, with the design questions each can answer, so a wizard
 * can list only the laws that speak to its question (and say which ones need calibrating).
 *
 * Question ids are stable machine names; each law's description carries the same questions
 * in a planner's words.
 */
import { EngineInputError } from './common/errors';
import { QUESTION_IDS, type QuestionId } from './ids';
import type { LawDescription } from './common/law-description';
import { JOINT_LAW_DESCRIPTION } from './joint/description';
import { LEVERAGE_LAW } from './leverage/description';
import { COMPREHENSIVE_LAW } from './comprehensive/description';
import { DENSE_MOE_LAW } from './dense-moe/description';
import { CHINCHILLA_LAW } from './chinchilla/description';
import { JOINT_KEYS } from './joint/coefficients';
import { LEVERAGE_KEYS } from './leverage/coefficients';
import { COMPREHENSIVE_KEYS } from './comprehensive/coefficients';
import { DENSE_MOE_KEYS } from './dense-moe/coefficients';
import { CHINCHILLA_KEYS } from './chinchilla/coefficients';

export { QUESTION_IDS, type QuestionId };
export type ModelFamily = 'dense' | 'moe';

export interface LawEntry {
  description: LawDescription;
  answers: readonly QuestionId[];
  /** Which models the law speaks about. */
  families: readonly ModelFamily[];
  /** True when the published coefficients alone cannot produce absolute numbers. */
  needsCalibration: boolean;
  /** The values a coefficient set of this law holds: the names its coefficient readers take (each law's coefficients.ts). */
  coefficientKeys: readonly string[];
}

export const LAW_REGISTRY: readonly LawEntry[] = Object.freeze([
  {
    description: JOINT_LAW_DESCRIPTION,
    answers: ['loss-prediction', 'compute-optimal', 'memory-optimal', 'inference-optimal', 'leverage', 'architecture', 'hyper-parameters', 'dense-baseline'],
    families: ['dense', 'moe'],
    needsCalibration: false,
    coefficientKeys: JOINT_KEYS,
  },
  {
    description: LEVERAGE_LAW,
    answers: ['leverage', 'architecture', 'compute-optimal', 'hyper-parameters'],
    families: ['dense', 'moe'],
    needsCalibration: false,
    coefficientKeys: LEVERAGE_KEYS,
  },
  {
    description: COMPREHENSIVE_LAW,
    answers: ['loss-prediction', 'architecture'],
    families: ['moe'],
    needsCalibration: false,
    coefficientKeys: COMPREHENSIVE_KEYS,
  },
  {
    description: DENSE_MOE_LAW,
    answers: ['compute-optimal', 'dense-baseline', 'data-utilisation'],
    families: ['dense', 'moe'],
    needsCalibration: true,
    coefficientKeys: DENSE_MOE_KEYS,
  },
  {
    description: CHINCHILLA_LAW,
    answers: ['loss-prediction', 'compute-optimal', 'dense-baseline'],
    families: ['dense'],
    needsCalibration: false,
    coefficientKeys: CHINCHILLA_KEYS,
  },
] satisfies LawEntry[]);

export const LAW_DESCRIPTIONS: readonly LawDescription[] = LAW_REGISTRY.map((e) => e.description);

export function isQuestionId(value: string): value is QuestionId {
  return (QUESTION_IDS as readonly string[]).includes(value);
}

/**
 * The laws able to answer `question`, optionally only those that speak about one model
 * family (a wizard planning an MoE need not offer Chinchilla for 'compute-optimal').
 * An unknown question id is an error, not an empty list, so a typo cannot hide every law.
 */
export function lawsForQuestion(question: QuestionId, options: { family?: ModelFamily } = {}): LawEntry[] {
  if (!isQuestionId(question)) {
    throw new EngineInputError('question', `question must be one of ${QUESTION_IDS.join(', ')} (got ${String(question)})`);
  }
  return LAW_REGISTRY.filter(
    (e) => e.answers.includes(question) && (options.family === undefined || e.families.includes(options.family)),
  );
}

export function lawDescription(id: string): LawDescription | undefined {
  return LAW_DESCRIPTIONS.find((d) => d.id === id);
}
