/** Row types the store returns. Plain data: safe to send over IPC as-is. */
import type { Provenance } from '../engine/common/coefficients';
import type { ScenarioSummary } from '../schema/store-rows';
import { INPUTS_VERSIONS, type InputsWizard } from '../schema/scenario-inputs';
import type { JsonValue } from './json-value';

export type { JsonValue } from './json-value';

/** The engine's provenances plus 'user-edited': a published set the user duplicated and changed. */
export type StoreProvenance = Provenance | 'user-edited';

/** The rows, declared once in schema/store-rows.ts (the contract sends them as they are). */
export type { CoefficientSetRow, HardwareProfileRow, InputChange, ProjectRow, RunRow, ScenarioSummary } from '../schema/store-rows';
/** A fitted set's fit record (schema/fit-record.ts): its runs, settings and answer. */
export type { FitRecord } from '../schema/fit-record';

/** The pages that save scenarios: those whose saved inputs schema/scenario-inputs.ts declares (it listed a 'compare' no page saves, and lacked target and next-run). */
export const KNOWN_WIZARDS = Object.keys(INPUTS_VERSIONS) as InputsWizard[];
export type KnownWizard = InputsWizard;
/** A wizard id: one of KNOWN_WIZARDS, or a later one (lower-case slug). */
export type Wizard = KnownWizard | (string & {});

export interface ScenarioRow extends ScenarioSummary {
  inputs: JsonValue;
  /** Snapshot of the results when last computed; null if never computed. */
  results: JsonValue | null;
  notes: string;
}


export type { SortKey, SortOrder } from '../schema/list-options';

/** A page of a list (schema/store-rows.ts's pageSchema) holding rows of type T. */
export type { Page } from '../schema/store-rows';
