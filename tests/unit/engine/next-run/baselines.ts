/**
 * The run sets the synthetic tests set the planner's proposal against: random candidates and the
 * obvious ladder, each spending the same GPU-hour allowance (costed as LAWS.md §7 does:
 * 6·N·D / (peak × utilisation) / 3600).
 */
import { mulberry32 } from '../../../../src-main/engine/fit';
import { candidateRuns, type CandidateGrid, type RunDesign, type Throughput } from '../../../../src-main/engine/next-run';

export const gpuHoursOn = (t: Throughput) => (d: RunDesign) => (6 * d.nAct * d.tokens) / (t.peakFlopsPerDevice * t.utilization) / 3600;

/** `count` candidates drawn uniformly from the grid, redrawn until together they fit in the allowance. */
export function randomRuns(grid: CandidateGrid, t: Throughput, hours: number, count: number, seed: number): RunDesign[] {
  const pool = candidateRuns(grid, t, hours);
  const rng = mulberry32(seed);
  for (;;) {
    const set = Array.from({ length: count }, () => pool[Math.floor(rng() * pool.length)]!);
    if (set.reduce((s, d) => s + d.gpuHours, 0) <= hours) return set;
  }
}

/** The obvious ladder: one run per expert count at 20 tokens per parameter, N_act ×4 apart, scaled to spend the whole allowance. */
export function ladderRuns(experts: readonly number[], t: Throughput, hours: number): RunDesign[] {
  const cost = gpuHoursOn(t);
  const shape = experts.map((e, i) => ({ n: Math.pow(4, i), e }));
  const unitHours = shape.reduce((s, x) => s + cost({ nAct: x.n, tokens: 20 * x.n, experts: x.e }), 0);
  const scale = Math.sqrt(hours / unitHours);
  return shape.map((x) => ({ nAct: x.n * scale, tokens: 20 * x.n * scale, experts: x.e }));
}
