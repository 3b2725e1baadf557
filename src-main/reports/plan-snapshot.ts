/**
 * Reading a saved scenario's results snapshot as a plan. The shapes, and every version of them
 * an earlier app saved, are declared once in schema/snapshots.ts; a report gets either the plan
 * in its current shape, every field checked, or null (and `snapshotProblem` says which field
 * kept a damaged one from being read).
 */
import type { Flag } from '../schema/flags';
import type { Candidate, Feasible, Figures, Plan } from '../schema/plan';
import type { ProvenanceInfo } from '../schema/provenance';
import { readInputs, type SavedBudget } from '../schema/scenario-inputs';
import { readFlags, readProvenance, readScalars, readSnapshot, readSnapshotAs, type SnapshotCheck } from '../schema/snapshots';
import { percent } from '../format';

export type PlanSnapshot = Plan;
export type FeasibleCandidate = Feasible;
export type SnapshotCandidate = Candidate;
export type SnapshotFigures = Figures;
export type SnapshotFlag = Flag;
export type SnapshotProvenance = ProvenanceInfo;
export type SnapshotBand = NonNullable<Plan['uncertainty']>;

/** The results snapshot as a plan, or null when it is not one (another wizard's, or damaged). */
export function readPlan(results: unknown): PlanSnapshot | null {
  const r = readSnapshotAs('plan', results);
  return r.ok ? r.value : null;
}

/**
 * Why a snapshot that claims to be a plan, leverage, architecture or target result cannot be
 * read, naming the field ("The saved plan cannot be read: candidates[0].loss: expected number,
 * received string"); null when it reads, or claims to be none of them.
 */
export function snapshotProblem(results: unknown): string | null {
  const r = readSnapshot(results);
  return r && !r.ok ? `The saved ${r.kind} results cannot be read: ${r.problem}.` : null;
}

/**
 * The same read as scenarios.get's check (schema/snapshots.ts snapshotCheckSchema): the kind and
 * the version read, the field that fits none, or that no kind claims the results at all.
 */
export function checkSnapshot(results: unknown): SnapshotCheck {
  if (results == null) return null;
  const read = readSnapshot(results);
  if (!read) return { ok: false, kind: null, problem: 'not a saved answer of any kind this release reads' };
  return read.ok ? { ok: true, kind: read.kind, version: read.version } : { ok: false, kind: read.kind, problem: read.problem };
}

export { readFlags, readProvenance, readScalars };

/** The plan's band: how sure its recommendation is (absent in snapshots saved before plans carried one). */
export const readBand = (plan: PlanSnapshot): SnapshotBand | null => plan.uncertainty ?? null;

/** The cache layout a plan's memory figures used, in words. */
export function cacheLayoutLabel(layout: PlanSnapshot['cacheLayout']): string {
  if (layout.kind === 'mha') return 'MHA (the joint law’s convention)';
  if (layout.kind === 'gqa') return `${layout.kvHeads === 1 ? 'MQA' : 'GQA'}, ${layout.kvHeads} KV head${layout.kvHeads === 1 ? '' : 's'} × ${layout.headDim}`;
  return `MLA, latent ${layout.latentDim} + RoPE ${layout.ropeDim}`;
}

export const feasibleCandidates = (plan: PlanSnapshot): FeasibleCandidate[] =>
  plan.candidates.filter((c): c is FeasibleCandidate => c.feasible).sort((a, b) => a.experts - b.experts);

/**
 * The training budget a plan page's scenario was given (schema/scenario-inputs.ts: every shape a
 * page or the CLI saved); null for another page's inputs, or inputs that fit no saved version.
 */
export function readBudget(wizard: string, inputs: unknown): SavedBudget | null {
  if (wizard !== 'compute' && wizard !== 'memory' && wizard !== 'inference') return null;
  const read = readInputs(wizard, inputs);
  return read.ok ? read.value.budget : null;
}

/**
 * Where a saved memory budget came from, without the byte figures the service wrote into its
 * sentence (in the convention of the day it was saved): the report states the budget itself in
 * its own convention, so only the hardware and the usable share are kept.
 */
export function memorySourceWords(m: PlanSnapshot['memory']): string | null {
  if (!m) return null;
  const usable = m.usableFraction < 1 ? `, ${percent(m.usableFraction)} usable` : '';
  if (m.hardwareId === null) return `given in bytes${usable}`;
  return `${m.source.split(':')[0]}${usable}`;
}
