/**
 * What the product says about each law: who published it, what its variables mean and in
 * which units, the range it was fitted on (which drives the extrapolation flags) and the
 * design questions it can answer (which decides where the wizards offer it).
 */
export interface LawVariable {
  /** Machine name, also the key in `fittedRanges` and the `variable` of a flag. */
  name: string;
  symbol: string;
  unit: string;
  description: string;
}

export interface FittedRange {
  min?: number;
  max?: number;
  unit: string;
  /** Where a bound comes from when the paper does not state it outright. */
  note?: string;
}

export interface LawDescription {
  id: string;
  name: string;
  citation: string;
  variables: LawVariable[];
  fittedRanges: Record<string, FittedRange>;
  questions: string[];
}
