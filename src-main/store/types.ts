/** Row types the store returns. Plain data: safe to send over IPC as-is. */
import type { LawId, Provenance } from '../engine/common/coefficients';
import type { JsonValue } from './json-value';

export type { JsonValue } from './json-value';

/** The engine's provenances plus 'user-edited': a published set the user duplicated and changed. */
export type StoreProvenance = Provenance | 'user-edited';

export interface HardwareProfileRow {
  id: string;
  name: string;
  deviceCount: number;
  /** Bytes per device. */
  memoryBytesPerDevice: number;
  /** Dense bf16 FLOP/s per device. */
  peakFlopsPerDevice: number;
  defaultUtilization: number;
  pricePerDeviceHour: number | null;
  /** Watts per device, for energy estimates; null until the user sets it. */
  powerWattsPerDevice: number | null;
  source: string;
  /** Came from resources/seed (the user may still have edited it). */
  seeded: boolean;
  seedVersion: number | null;
  /** A seeded profile the user edited: later seeds leave it alone. */
  userModified: boolean;
  /** Hash of the fields that change a computation; scenarios compare against it. */
  contentHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface CoefficientSetRow {
  id: string;
  law: LawId;
  name: string;
  citation: string;
  provenance: StoreProvenance;
  source: string;
  values: Record<string, number>;
  notes: string;
  /** Published (seeded) sets are read-only. */
  published: boolean;
  seedVersion: number | null;
  /** The set this one was duplicated from, if any. */
  derivedFrom: string | null;
  contentHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectRow {
  id: string;
  name: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
  /** Set while the project is in the trash. */
  deletedAt: string | null;
  /** Scenarios not in the trash. */
  scenarioCount: number;
}

export const KNOWN_WIZARDS = ['compute', 'memory', 'inference', 'leverage', 'architecture', 'compare'] as const;
export type KnownWizard = (typeof KNOWN_WIZARDS)[number];
/** A wizard id: one of KNOWN_WIZARDS, or a later one (lower-case slug). */
export type Wizard = KnownWizard | (string & {});

/** Why a saved snapshot may no longer match its inputs. */
export interface InputChange {
  input: 'hardwareProfile' | 'coefficientSet';
  id: string;
  reason: 'edited' | 'deleted';
}

export interface ScenarioSummary {
  id: string;
  projectId: string;
  name: string;
  wizard: Wizard;
  tags: string[];
  /** sha-256 of the inputs as canonical JSON. */
  inputsFingerprint: string;
  hardwareProfileId: string | null;
  coefficientSetId: string | null;
  /** True when a hardware profile or coefficient set used was edited or deleted since the snapshot. */
  inputsChanged: boolean;
  changedInputs: InputChange[];
  hasResults: boolean;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ScenarioRow extends ScenarioSummary {
  inputs: JsonValue;
  /** Snapshot of the results when last computed; null if never computed. */
  results: JsonValue | null;
  notes: string;
}

export interface RunRow {
  id: number;
  projectId: string;
  name: string;
  nAct: number;
  nTotal: number | null;
  tokens: number;
  flops: number | null;
  experts: number | null;
  loss: number;
  lr: number | null;
  batch: number | null;
  /** Activated experts G, shared plus routed (the comprehensive law); ≥ 1. */
  activatedExperts: number | null;
  /** Shared-expert ratio S = shared / activated experts (the comprehensive law); in [0, 1]. */
  sharedRatio: number | null;
  createdAt: string;
}

export type { SortKey, SortOrder } from '../schema/list-options';

export interface Page<T> {
  items: T[];
  /** Matching rows across all pages; a lower bound when totalExact is false. */
  total: number;
  /** False when a broad search stopped counting at `total` (there are more). */
  totalExact: boolean;
  limit: number;
  offset: number;
}
