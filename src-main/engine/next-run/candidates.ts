/**
 * The runs the planner chooses from: a grid of small runs (N_act × tokens per parameter × E),
 * each costed in GPU-hours as 6·N_act·D / (peak FLOP/s × utilisation) / 3600 (LAWS.md §7).
 */
import { EngineInputError } from '../common/errors';
import { DEFAULT_CANDIDATE_GRID as DEFAULT_GRID } from '../ids';

export interface CandidateGrid {
  /** Active parameters N_act. */
  nAct: readonly number[];
  /** Training tokens per active parameter, D / N_act. */
  tokensPerParam: readonly number[];
  experts: readonly number[];
}

/** 180 runs from 50 M to 1.6 B active parameters (declared in engine/ids.ts, which the Next runs page reads too). */
export const DEFAULT_CANDIDATE_GRID: CandidateGrid = DEFAULT_GRID;

export interface Throughput {
  /** Peak dense FLOP/s of one device. */
  peakFlopsPerDevice: number;
  /** Model FLOPs utilisation, (0, 1]. */
  utilization: number;
}

export interface CandidateRun {
  nAct: number;
  tokens: number;
  experts: number;
  /** Training FLOPs 6·N_act·D. */
  flops: number;
  gpuHours: number;
}

export function gpuHoursOf(flops: number, t: Throughput): number {
  return flops / (t.peakFlopsPerDevice * t.utilization) / 3600;
}

function checkAxis(values: readonly number[], field: string, min: number): void {
  if (!Array.isArray(values) || values.length === 0) throw new EngineInputError(field, `${field} must list at least one value`);
  values.forEach((v, i) => {
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= min)) throw new EngineInputError(field, `${field}[${i}] must be a finite number ≥ ${min} (got ${String(v)})`);
  });
}

/** Every grid point that costs at most `maxGpuHours`, cheapest first. */
export function candidateRuns(grid: CandidateGrid, t: Throughput, maxGpuHours: number): CandidateRun[] {
  checkAxis(grid.nAct, 'candidates.nAct', 1);
  checkAxis(grid.tokensPerParam, 'candidates.tokensPerParam', Number.MIN_VALUE);
  checkAxis(grid.experts, 'candidates.experts', 1);
  const out: CandidateRun[] = [];
  for (const nAct of grid.nAct) {
    for (const r of grid.tokensPerParam) {
      const tokens = nAct * r;
      const flops = 6 * nAct * tokens;
      const gpuHours = gpuHoursOf(flops, t);
      if (gpuHours > maxGpuHours) continue;
      for (const experts of grid.experts) out.push({ nAct, tokens, experts, flops, gpuHours });
    }
  }
  return out.sort((a, b) => a.gpuHours - b.gpuHours || a.experts - b.experts);
}
