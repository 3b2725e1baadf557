/**
 * Reading a saved scenario's results snapshot. The store keeps results as plain JSON, written
 * by whichever wizard saved them (and possibly by an older version of the app), so reports read
 * them defensively: a snapshot is a plan only if it has the plan's shape, and every figure a
 * report prints is checked to be a finite number before it is used.
 *
 * The shape mirrors the response of 'plan.compute' / 'plan.memory' / 'plan.inference'.
 */

export interface SnapshotFlag {
  code: string;
  severity: 'info' | 'warning';
  message: string;
  variable?: string;
  /** The flagged value and the fitted range it lies outside, when the flag carries them. */
  value?: number;
  range?: { min?: number; max?: number };
  /** How many times outside the range, when the engine states it. */
  factor?: number;
}

export interface SnapshotProvenance {
  law: { id: string; name: string; citation: string };
  coefficientSet: { id: string; name: string; citation: string; provenance: string };
}

export interface SnapshotShape {
  basis: string;
  dModel: number;
  nBlocks: number;
  nHeads: number;
  experts: number;
  vocab: number;
}

export interface SnapshotMemory {
  weightsBytes: number;
  kvBytes: number;
  totalBytes: number;
  mode: string;
  countedBytes: number;
  budgetBytes: number | null;
}

export interface SnapshotFigures {
  nAct: number;
  nTotal: number;
  nActNonEmbedding: number;
  tokens: number;
  tokensPerParam: number;
  loss: number;
  trainingFlops: number;
  inferenceFlops: number;
  memory: SnapshotMemory;
  fits: boolean;
  learningRate: { value: number; basis: string; parameterCount: number; experts: number };
  shape: SnapshotShape;
}

export interface SnapshotRecipe {
  tokens: number;
  batchRampUp: Array<{ fromTokens: number; toTokens: number; batchTokens: number }>;
  learningRateSchedule: { peakLearningRate: number; warmupEndTokens: number; decayStartTokens: number; decayEndTokens: number; shape: string };
  routerZLoss: number;
  loadBalancingLoss: number;
  initScale: number;
  data: string;
  tokenizer: string;
  notes: string[];
}

export interface FeasibleCandidate extends SnapshotFigures {
  feasible: true;
  experts: number;
  buildable: SnapshotFigures;
  bindingConstraint: 'compute' | 'memory';
  recipe: SnapshotRecipe;
  flags: SnapshotFlag[];
}

export interface InfeasibleCandidate {
  feasible: false;
  experts: number;
  reason: string;
  flags: SnapshotFlag[];
}

export type SnapshotCandidate = FeasibleCandidate | InfeasibleCandidate;

export interface SnapshotTimeCost {
  flops: number;
  cluster: string;
  devices: number;
  utilization: number;
  pricePerDeviceHour: number | null;
  gpuHours: number;
  wallClockDays: number;
  costUsd: number | null;
  energyKwh: number | null;
  basis: string;
}

export interface SnapshotRange {
  low: number;
  high: number;
}

/** A plan's band (absent in snapshots saved before plans carried one). */
export interface SnapshotBand {
  kind: 'bootstrap' | 'published-fit-error';
  label: string;
  replicates: number | null;
  lossHalfWidth?: number | null;
  nAct: SnapshotRange | null;
  tokens: SnapshotRange | null;
  loss: SnapshotRange;
  expertWins: Array<{ experts: number; share: number }>;
  perExpert?: Array<{ experts: number; nAct: SnapshotRange | null; tokens: SnapshotRange | null; loss: SnapshotRange }>;
}

export interface PlanSnapshot {
  problem: string;
  flops: number;
  experts: number[];
  kvTokens: number;
  precision: { bytesPerWeight: number; bytesPerKvValue: number };
  learningRateBasis: string;
  coefficientSetId: string;
  inferenceTokens: number;
  memoryBytes: number | null;
  memoryMode: string | null;
  memory: { bytes: number; source: string; hardwareId: string | null; deviceCount: number | null; usableFraction: number } | null;
  candidates: SnapshotCandidate[];
  best: FeasibleCandidate | null;
  feasible: boolean;
  reason?: string;
  bestReason: string;
  /** Saved by plans given a hardware profile (absent in older snapshots). */
  timeCost?: SnapshotTimeCost | null;
  /** Read through `readBand`, which checks it. */
  uncertainty?: unknown;
  /** The attention layout of the counted KV cache (absent in older snapshots, which used MHA). */
  cacheLayout?: unknown;
  cacheLayoutNote?: string;
  flags: SnapshotFlag[];
  provenance: SnapshotProvenance;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

function isFigures(v: unknown): v is SnapshotFigures {
  if (!isObj(v)) return false;
  for (const k of ['nAct', 'nTotal', 'tokens', 'loss', 'trainingFlops'] as const) if (!isNum(v[k])) return false;
  return isObj(v.memory) && isNum(v.memory.totalBytes) && isObj(v.shape) && isNum(v.shape.dModel) && isObj(v.learningRate) && isNum(v.learningRate.value);
}

function isFeasible(v: unknown): v is FeasibleCandidate {
  return isObj(v) && v.feasible === true && isNum(v.experts) && isFigures(v) && isFigures(v.buildable) && isObj(v.recipe) && Array.isArray(v.flags);
}

function isCandidate(v: unknown): v is SnapshotCandidate {
  if (!isObj(v)) return false;
  if (v.feasible === false) return isNum(v.experts) && isStr(v.reason) && Array.isArray(v.flags);
  return isFeasible(v);
}

function isProvenance(v: unknown): v is SnapshotProvenance {
  return isObj(v) && isObj(v.law) && isStr(v.law.citation) && isStr(v.law.name) && isObj(v.coefficientSet) && isStr(v.coefficientSet.citation) && isStr(v.coefficientSet.id);
}

/** The results snapshot as a plan, or null when it is not one (another wizard, or damaged). */
export function readPlan(results: unknown): PlanSnapshot | null {
  if (!isObj(results)) return null;
  if (!isStr(results.problem) || !isNum(results.flops) || !Array.isArray(results.candidates) || !isProvenance(results.provenance)) return null;
  if (!results.candidates.every(isCandidate)) return null;
  if (results.best !== null && !isFeasible(results.best)) return null;
  if (!Array.isArray(results.flags)) return null;
  return results as unknown as PlanSnapshot;
}

const isRange = (v: unknown): v is SnapshotRange => isObj(v) && isNum(v.low) && isNum(v.high);

/** The plan's band when the snapshot holds a well-formed one, else null. */
export function readBand(plan: PlanSnapshot): SnapshotBand | null {
  const u = plan.uncertainty;
  if (!isObj(u) || (u.kind !== 'bootstrap' && u.kind !== 'published-fit-error') || !isStr(u.label) || !isRange(u.loss)) return null;
  if ((u.nAct !== null && !isRange(u.nAct)) || (u.tokens !== null && !isRange(u.tokens)) || !Array.isArray(u.expertWins)) return null;
  const wins = u.expertWins.filter((w): w is { experts: number; share: number } => isObj(w) && isNum(w.experts) && isNum(w.share));
  const perExpert = Array.isArray(u.perExpert) ? u.perExpert.filter((p): p is NonNullable<SnapshotBand['perExpert']>[number] => isObj(p) && isNum(p.experts) && isRange(p.loss)) : [];
  return {
    kind: u.kind,
    label: u.label,
    replicates: isNum(u.replicates) ? u.replicates : null,
    lossHalfWidth: isNum(u.lossHalfWidth) ? u.lossHalfWidth : null,
    nAct: u.nAct as SnapshotRange | null,
    tokens: u.tokens as SnapshotRange | null,
    loss: u.loss,
    expertWins: wins,
    perExpert,
  };
}

/** Provenance of any snapshot that carries one (plans and later wizards alike). */
export function readProvenance(results: unknown): SnapshotProvenance | null {
  return isObj(results) && isProvenance(results.provenance) ? results.provenance : null;
}

/** Flags of any snapshot: its own, its best design's, and every candidate's, without repeats. */
export function readFlags(results: unknown): SnapshotFlag[] {
  if (!isObj(results)) return [];
  const out: SnapshotFlag[] = [];
  const seen = new Set<string>();
  const add = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const f of list) {
      if (!isObj(f) || !isStr(f.message) || !isStr(f.code)) continue;
      if (seen.has(f.message)) continue;
      seen.add(f.message);
      const range = isObj(f.range) ? { ...(isNum(f.range.min) ? { min: f.range.min } : {}), ...(isNum(f.range.max) ? { max: f.range.max } : {}) } : null;
      out.push({
        code: f.code,
        severity: f.severity === 'info' ? 'info' : 'warning',
        message: f.message,
        ...(isStr(f.variable) ? { variable: f.variable } : {}),
        ...(isNum(f.value) ? { value: f.value } : {}),
        ...(range ? { range } : {}),
        ...(isNum(f.factor) ? { factor: f.factor } : {}),
      });
    }
  };
  add(results.flags);
  if (isObj(results.best)) add(results.best.flags);
  return out;
}

/** The cache layout a plan's memory figures used, in words; snapshots from before the choice existed used MHA. */
export function cacheLayoutLabel(layout: unknown): string {
  if (!isObj(layout) || layout.kind === 'mha' || layout.kind === undefined) return 'MHA (the joint law’s convention)';
  if (layout.kind === 'gqa' && isNum(layout.kvHeads) && isNum(layout.headDim)) return `${layout.kvHeads === 1 ? 'MQA' : 'GQA'}, ${layout.kvHeads} KV head${layout.kvHeads === 1 ? '' : 's'} × ${layout.headDim}`;
  if (layout.kind === 'mla' && isNum(layout.latentDim) && isNum(layout.ropeDim)) return `MLA, latent ${layout.latentDim} + RoPE ${layout.ropeDim}`;
  return 'unknown layout';
}

export const feasibleCandidates = (plan: PlanSnapshot): FeasibleCandidate[] =>
  plan.candidates.filter((c): c is FeasibleCandidate => c.feasible).sort((a, b) => a.experts - b.experts);

export { isObj, isNum, isStr };
