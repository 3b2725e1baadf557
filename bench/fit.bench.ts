/**
 * Fitter speed (issue 8): the Chinchilla fit over Besiroglu et al.'s 4,500-start grid (log form:
 * a, b ∈ {0, 5, …, 25}, e ∈ {−1, −0.5, …, 1}, α, β ∈ {0, 0.5, …, 2}), δ = 10⁻³, 5 highest-loss
 * points dropped, in one thread. Target: under 1 s (SciPy's L-BFGS-B takes ~14 s here).
 * The data are read from ../shared/data relative to the repo root; skipped when absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fit, importRuns, type FitOptions } from '../src-main/engine/fit';
import { timeMedian, type BenchResult, type BenchSuite } from './harness';

const CSV = fileURLToPath(new URL('../../shared/data/chinchilla_svg_extracted_data.csv', import.meta.url));

const suite: BenchSuite = (): BenchResult[] => {
  const name = 'Chinchilla fit, 4,500-start grid, 240 runs, single thread';
  if (!existsSync(CSV)) return [{ name, ms: 0, note: `skipped: ${CSV} not found` }];
  const imported = importRuns(readFileSync(CSV, 'utf8'));
  if (!imported.ok) throw new Error(`Chinchilla import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  const options: FitOptions = { law: 'chinchilla', runs: imported.runs, dropHighest: 5, delta: 1e-3 };
  let last = fit(options);
  const ms = timeMedian(() => {
    last = fit(options);
  }, 5, 1);
  const c = last.coefficients;
  const note = `${last.starts} starts, ${last.evaluations} evaluations; A=${c.A!.toFixed(2)} B=${c.B!.toFixed(2)} E=${c.E!.toFixed(4)} α=${c.alpha!.toFixed(4)} β=${c.beta!.toFixed(4)}, objective ${last.objective.toPrecision(8)}`;
  return [{ name, ms, targetMs: 1000, note }];
};

export default suite;
