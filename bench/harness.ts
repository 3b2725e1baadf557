/**
 * Minimal benchmark harness: each `bench/*.bench.ts` default-exports a function returning
 * measurements; `npm run bench` prints them with their targets. Targets live here, never in tests.
 */
export interface BenchResult {
  /** What was measured, e.g. "10^6 joint-law loss evaluations". */
  name: string;
  /** Median wall time of one run, in milliseconds. */
  ms: number;
  /** Target in milliseconds, when the issue sets one. */
  targetMs?: number;
  note?: string;
  /** The same operation at a small scale, measured in the same run: ms / baselineMs shows how it grows. */
  baseline?: { name: string; ms: number };
  /** The machine's 1-minute load average when the figure was taken (os.loadavg), for figures that depend on it. */
  load?: number;
}

/** Runs `fn` `warmup` times, then `runs` times, and returns the median time in ms. */
export function timeMedian(fn: () => void, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function timeMedianAsync(fn: () => Promise<void>, runs = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export type BenchSuite = () => Promise<BenchResult[]> | BenchResult[];
