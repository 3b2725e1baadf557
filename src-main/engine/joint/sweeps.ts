/**
 * Chart data computed in the engine, as plain arrays, cheap enough to follow a slider live.
 * Points refer to exact (continuous) shapes so the curves are smooth.
 */
import { EngineInputError } from '../common/errors';
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import type { Precision } from '../accounting/architecture';
import { memoryFootprint, type CacheLayout } from '../accounting/memory';
import { countParameters } from '../accounting/parameter-counts';
import { buildableShape, exactShapeForActive, exactShapeForMemory } from '../accounting/shape-solver';
import { requireNonNegativeFinite, requirePositiveFinite, requirePositiveInteger } from '../accounting/validate';
import { allocateAll, type DesignConstraint, type MemoryMode } from './candidate';
import { jointCoefficients } from './coefficients';
import { compareDenseMoe } from './dense-vs-moe';
import { jointFlags } from './joint-flags';
import { computeOptimum, inferenceOptimum, trainingTokensOnLine, type Allocation } from './optimum';
import { hasInteriorOptimum, perExpertLaw, perExpertLoss, type PerExpertLaw } from './per-expert-law';
import { resolveMemoryMode, resolveSettings } from './plan-options';

export interface SweepPoint {
  nAct: number;
  tokens: number;
  loss: number;
}

export interface IsoFlopSweepOptions {
  flops: number;
  experts?: readonly number[];
  coefficients?: CoefficientSet;
  /** Points per curve (default 61). */
  points?: number;
  /** The curve spans N_opt / span … N_opt · span (default 30). */
  span?: number;
}

export interface IsoFlopSeries {
  experts: number;
  optimum: Allocation;
  points: SweepPoint[];
}

/** Loss along the iso-FLOP line 6·N·D = F for each E (Fig. 2a), centred on each E's optimum in log N. */
export function isoFlopSweep(o: IsoFlopSweepOptions): { flops: number; basis: 'exact'; series: IsoFlopSeries[]; flags: ResultFlag[] } {
  const s = resolveSettings({ flops: o.flops, ...(o.experts ? { experts: o.experts } : {}) });
  const count = requirePositiveInteger(o.points ?? 61, 'points');
  const span = requirePositiveFinite(o.span ?? 30, 'span');
  if (count < 2 || span <= 1) throw new EngineInputError('points', 'points must be at least 2 and span above 1');
  const k = jointCoefficients(o.coefficients);
  const series = s.experts
    .map((e) => perExpertLaw(e, k))
    .filter(hasInteriorOptimum)
    .map((law) => {
      const optimum = computeOptimum(law, s.flops);
      const points: SweepPoint[] = [];
      for (let i = 0; i < count; i++) {
        const nAct = optimum.nAct * Math.pow(span, (2 * i) / (count - 1) - 1);
        const tokens = s.flops / (6 * nAct);
        points.push({ nAct, tokens, loss: perExpertLoss(law, nAct, tokens) });
      }
      return { experts: law.experts, optimum, points };
    });
  return { flops: s.flops, basis: 'exact', series, flags: jointFlags({ flops: s.flops }) };
}

export interface MemorySweepOptions {
  flops: number;
  memoryBudgets: readonly number[];
  experts?: readonly number[];
  memoryMode?: MemoryMode;
  kvTokens?: number;
  precision?: Partial<Precision>;
  /** Inference tokens paid from the same budget (Fig. 3c); 0 by default. */
  inferenceTokens?: number;
  coefficients?: CoefficientSet;
  /** How the counted KV cache is laid out (default MHA, the law's convention). */
  cacheLayout?: CacheLayout;
}

export interface MemorySweepPoint extends SweepPoint {
  memoryBytes: number;
}

export interface MemorySweepSeries {
  experts: number;
  /** Memory of the unconstrained optimum: the curve stops here (bigger models are worse and larger). */
  optimumMemoryBytes: number;
  optimum: SweepPoint;
  /** Budgets below the optimum memory where something fits, in the order given, then the optimum itself. */
  points: MemorySweepPoint[];
}

export interface MemorySweepResult {
  flops: number;
  basis: 'exact';
  memoryMode: MemoryMode;
  kvTokens: number;
  precision: Precision;
  cacheLayout: CacheLayout;
  inferenceTokens: number;
  series: MemorySweepSeries[];
  /** The best E at each budget, for the shaded regions of Fig. 1a and 3; null where nothing fits. */
  bestByBudget: Array<{ memoryBytes: number; experts: number | null; loss: number | null }>;
  flags: ResultFlag[];
}

interface PreparedSeries {
  law: PerExpertLaw;
  optimum: Allocation;
  optimumMemoryBytes: number;
  smallestBytes: number;
  series: MemorySweepSeries;
}

/** Best loss versus memory budget per E (Fig. 1a, 3), truncated at each E's unconstrained optimum. */
export function memorySweep(o: MemorySweepOptions): MemorySweepResult {
  const s = resolveSettings({
    flops: o.flops,
    ...(o.experts ? { experts: o.experts } : {}),
    ...(o.kvTokens !== undefined ? { kvTokens: o.kvTokens } : {}),
    ...(o.precision ? { precision: o.precision } : {}),
    ...(o.cacheLayout ? { cacheLayout: o.cacheLayout } : {}),
  });
  const mode = resolveMemoryMode(o.memoryMode);
  const inferenceTokens = requireNonNegativeFinite(o.inferenceTokens ?? 0, 'inferenceTokens');
  if (!Array.isArray(o.memoryBudgets) || o.memoryBudgets.length === 0) throw new EngineInputError('memoryBudgets', 'memoryBudgets must be a non-empty list');
  const budgets = o.memoryBudgets.map((m, i) => requirePositiveFinite(m, `memoryBudgets[${i}]`));
  const k = jointCoefficients(o.coefficients);
  const kvCounted = mode === 'total' ? s.kvTokens : 0;
  const counted = (nTotal: number, shape: { dModel: number; nBlocks: number }) => {
    const fp = memoryFootprint(nTotal, shape, kvCounted, s.precision, s.cacheLayout);
    return fp.totalBytes;
  };

  const prepared: PreparedSeries[] = [];
  for (const e of s.experts) {
    const law = perExpertLaw(e, k);
    if (!hasInteriorOptimum(law)) continue;
    const smallest = buildableShape(1, e);
    const smallestCounts = countParameters(smallest);
    if (inferenceTokens > 0 && 2 * smallestCounts.nAct * inferenceTokens >= s.flops) continue;
    const optimum = inferenceTokens > 0 ? inferenceOptimum(law, s.flops, inferenceTokens) : computeOptimum(law, s.flops);
    const optShape = exactShapeForActive(optimum.nAct, e);
    const optimumMemoryBytes = counted(countParameters(optShape).nTotal, optShape);
    prepared.push({
      law,
      optimum,
      optimumMemoryBytes,
      smallestBytes: counted(smallestCounts.nTotal, smallest),
      series: { experts: e, optimumMemoryBytes, optimum: { nAct: optimum.nAct, tokens: optimum.tokens, loss: optimum.loss }, points: [] },
    });
  }

  const bestByBudget: MemorySweepResult['bestByBudget'] = [];
  for (const m of budgets) {
    let bestE: number | null = null;
    let bestLoss: number | null = null;
    for (const p of prepared) {
      if (m < p.smallestBytes) continue;
      let loss: number;
      if (m >= p.optimumMemoryBytes) {
        loss = p.optimum.loss;
      } else {
        const shape = exactShapeForMemory(m, p.law.experts, { kvTokens: kvCounted, precision: s.precision, cacheLayout: s.cacheLayout });
        const nAct = countParameters(shape).nAct;
        const tokens = trainingTokensOnLine(s.flops, inferenceTokens, nAct);
        loss = perExpertLoss(p.law, nAct, tokens);
        p.series.points.push({ memoryBytes: m, nAct, tokens, loss });
      }
      if (bestLoss === null || loss < bestLoss) {
        bestLoss = loss;
        bestE = p.law.experts;
      }
    }
    bestByBudget.push({ memoryBytes: m, experts: bestE, loss: bestLoss });
  }
  for (const p of prepared) p.series.points.push({ memoryBytes: p.optimumMemoryBytes, ...p.series.optimum });

  return {
    flops: s.flops,
    basis: 'exact',
    memoryMode: mode,
    kvTokens: s.kvTokens,
    precision: s.precision,
    cacheLayout: s.cacheLayout,
    inferenceTokens,
    series: prepared.map((p) => p.series),
    bestByBudget,
    flags: jointFlags({ flops: s.flops }),
  };
}

export interface SavingsSweepPoint {
  flops: number;
  /** 1 − flopsToMatch / flops. */
  savings: number;
  flopsToMatch: number;
}

export interface SavingsSweepOptions {
  budgets: readonly number[];
  experts?: readonly number[];
  coefficients?: CoefficientSet;
}

/** FLOP savings versus budget per E (Fig. 2b): the share of the dense budget an MoE needs not spend for the same loss. */
export function savingsSweep(o: SavingsSweepOptions): { series: Array<{ experts: number; points: SavingsSweepPoint[] }> } {
  if (!Array.isArray(o.budgets) || o.budgets.length === 0) throw new EngineInputError('budgets', 'budgets must be a non-empty list');
  const budgets = o.budgets.map((f, i) => requirePositiveFinite(f, `budgets[${i}]`));
  const byE = new Map<number, SavingsSweepPoint[]>();
  for (const flops of budgets) {
    const cmp = compareDenseMoe({ flops, ...(o.experts ? { experts: o.experts } : {}), ...(o.coefficients ? { coefficients: o.coefficients } : {}) });
    for (const r of cmp.perExpert) {
      if (!r.feasible) continue;
      const list = byE.get(r.experts) ?? [];
      list.push({ flops, savings: r.savings, flopsToMatch: r.flopsToMatch });
      byE.set(r.experts, list);
    }
  }
  return { series: [...byE.entries()].map(([experts, points]) => ({ experts, points })) };
}

export interface MemoryBudget {
  id: string;
  label: string;
  bytes: number;
}

const GIB = 2 ** 30;

/** The three devices of the paper's Table 2, read as binary units like the shipped hardware profiles. */
export const PAPER_MEMORY_BUDGETS: readonly MemoryBudget[] = Object.freeze([
  { id: 'rtx4090', label: 'RTX 4090 (24 GiB)', bytes: 24 * GIB },
  { id: 'h100', label: 'H100 (80 GiB)', bytes: 80 * GIB },
  { id: '8xh100', label: '8×H100 (640 GiB)', bytes: 640 * GIB },
]);

export const PAPER_TABLE_BUDGETS: readonly number[] = Object.freeze([1e20, 1e21, 1e22, 1e23, 1e24]);

export interface OptimalExpertTableOptions {
  budgets?: readonly number[];
  memories?: readonly MemoryBudget[];
  experts?: readonly number[];
  memoryMode?: MemoryMode;
  kvTokens?: number;
  precision?: Partial<Precision>;
  inferenceTokens?: number;
  coefficients?: CoefficientSet;
}

export interface OptimalExpertCell {
  memoryId: string;
  memoryBytes: number;
  feasible: boolean;
  experts: number | null;
  loss: number | null;
  nAct: number | null;
  nTotal: number | null;
  tokens: number | null;
  bindingConstraint: 'compute' | 'memory' | null;
  reason?: string;
  flags: ResultFlag[];
}

/** The problem behind each cell of Table 2: its budgets, devices, E list and the constraint of one cell. */
export function optimalExpertTableProblem(o: OptimalExpertTableOptions = {}) {
  const budgets = (o.budgets ?? PAPER_TABLE_BUDGETS).map((f, i) => requirePositiveFinite(f, `budgets[${i}]`));
  const memories = (o.memories ?? PAPER_MEMORY_BUDGETS).map((m, i) => ({ ...m, bytes: requirePositiveFinite(m.bytes, `memories[${i}].bytes`) }));
  if (budgets.length === 0 || memories.length === 0) throw new EngineInputError('budgets', 'budgets and memories must be non-empty');
  const s = resolveSettings({
    flops: budgets[0]!,
    ...(o.experts ? { experts: o.experts } : {}),
    ...(o.kvTokens !== undefined ? { kvTokens: o.kvTokens } : {}),
    ...(o.precision ? { precision: o.precision } : {}),
  });
  const mode = resolveMemoryMode(o.memoryMode);
  const inferenceTokens = requireNonNegativeFinite(o.inferenceTokens ?? 0, 'inferenceTokens');
  const constraint = (flops: number, mem: MemoryBudget): DesignConstraint => ({ ...s, flops, inferenceTokens, memory: { budgetBytes: mem.bytes, mode } });
  return { budgets, memories, experts: s.experts, constraint };
}

/** Table 2: the memory-optimal E for each training budget and device (16k KV tokens, bf16 by default). */
export function optimalExpertTable(o: OptimalExpertTableOptions = {}): { memories: MemoryBudget[]; rows: Array<{ flops: number; cells: OptimalExpertCell[] }> } {
  const { budgets, memories, experts, constraint: constraintOf } = optimalExpertTableProblem(o);
  const k = jointCoefficients(o.coefficients);
  // Ranking E needs only the allocation; full candidates (recipes, buildable shapes) are for plans.
  const rows = budgets.map((flops) => ({
    flops,
    cells: memories.map((mem): OptimalExpertCell => {
      const { all, best } = allocateAll(experts, k, constraintOf(flops, mem));
      const reasons = all.flatMap((a) => (a.feasible ? [] : [`E = ${a.experts}: ${a.reason}`]));
      if (!best) {
        return { memoryId: mem.id, memoryBytes: mem.bytes, feasible: false, experts: null, loss: null, nAct: null, nTotal: null, tokens: null, bindingConstraint: null, reason: reasons.join(' '), flags: jointFlags({ flops }) };
      }
      const nTotal = countParameters(best.shape).nTotal;
      return {
        memoryId: mem.id,
        memoryBytes: mem.bytes,
        feasible: true,
        experts: best.experts,
        loss: best.loss,
        nAct: best.nAct,
        nTotal,
        tokens: best.tokens,
        bindingConstraint: best.binding,
        flags: jointFlags({ experts: best.experts, nAct: best.nAct, nTotal, tokens: best.tokens, flops }),
      };
    }),
  }));
  return { memories, rows };
}
