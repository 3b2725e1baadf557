/**
 * A self-description every law ships with, so the UI, the CLI and the reports can show what a
 * law predicts, in which units, and where its fit stops being evidence and becomes extrapolation.
 */
import type { LawId } from './coefficients';

export interface LawVariable {
  /** Field name used in engine inputs and outputs, e.g. `nAct`. */
  name: string;
  /** Symbol as printed in the paper, e.g. `N_act`. */
  symbol: string;
  /** Raw unit, e.g. `parameters`, `tokens`, `FLOPs`, `bytes`, `nats/token`, `1`. */
  unit: string;
  description: string;
}

export interface FittedRange {
  min?: number;
  max?: number;
  unit: string;
  /** Where the bound comes from when it is not a plain statement of the paper. */
  note?: string;
}

export interface LawDescription {
  id: LawId | string;
  name: string;
  citation: string;
  variables: LawVariable[];
  /** Keyed by variable name; these ranges are the ones the extrapolation flags use. */
  fittedRanges: Record<string, FittedRange>;
  /** The planning questions the law can answer, in a planner's words. */
  questions: string[];
}
