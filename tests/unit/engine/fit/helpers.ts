import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importRuns, mulberry32, type FitRun } from '../../../../src-main/engine/fit';

/** The public Chinchilla dataset (docs/LAWS.md §5), read in place — never copied into the repo. */
export const CHINCHILLA_CSV = fileURLToPath(new URL('../../../../../shared/data/chinchilla_svg_extracted_data.csv', import.meta.url));
/**
 * Whether the tests that need the data run. Outside CI they skip when ../shared/data is absent
 * (a clone has no ../shared); under CI they always run, so a missing file fails them loudly,
 * naming it, instead of skipping in silence.
 */
export const hasChinchilla = existsSync(CHINCHILLA_CSV) || !!process.env.CI;
export const MISSING_CHINCHILLA = `The Chinchilla data ${CHINCHILLA_CSV} is missing: CI must provide ../shared/data next to the repository`;

/** The joint MoE law's 270 runs (Ludziejewski et al. 2025, App. E), under the same rule as the Chinchilla data. */
export const JOINT_RUNS_CSV = fileURLToPath(new URL('../../../../../shared/data/joint_moe_runs.csv', import.meta.url));
export const hasJointRuns = existsSync(JOINT_RUNS_CSV) || !!process.env.CI;
export const MISSING_JOINT_RUNS = `The joint-law runs ${JOINT_RUNS_CSV} are missing: CI must provide ../shared/data next to the repository`;

export function chinchillaRuns(): FitRun[] {
  if (!existsSync(CHINCHILLA_CSV)) throw new Error(MISSING_CHINCHILLA);
  const r = importRuns(readFileSync(CHINCHILLA_CSV, 'utf8'));
  if (!r.ok) throw new Error(`Chinchilla import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.runs;
}

/** Standard normal draws from a seeded uniform generator (Box–Muller). */
export function normals(seed: number): () => number {
  const u = mulberry32(seed);
  return () => {
    const a = Math.max(u(), 1e-300);
    const b = u();
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
  };
}

export function logspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / (n - 1)));
}
