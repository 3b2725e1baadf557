/**
 * What the product says about each law: who published it, what its variables mean and in
 * which units, the range it was fitted on (which drives the extrapolation flags) and the
 * design questions it can answer (which decides where the wizards offer it).
 */
export interface LawVariable {
  /** Machine name, also the key in `fittedRanges` and the `variable` of a flag. */
  name: string;
  symbol: string;
  /** A planner's name for it ("active parameters"), used in flag messages; defaults to the machine name. */
  label?: string;
  unit: string;
  description: string;
}

export interface FittedRange {
  min?: number;
  max?: number;
  unit: string;
  /** Where a bound comes from, or why one is missing (a paper that states only a maximum says so here). */
  note?: string;
}

export interface LawDescription {
  id: string;
  name: string;
  citation: string;
  variables: LawVariable[];
  fittedRanges: Record<string, FittedRange>;
  /** What the ranges above do not say: a joint check beyond them, or why a law has none. */
  domainNote?: string;
  questions: string[];
}
