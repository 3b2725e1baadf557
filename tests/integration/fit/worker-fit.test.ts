/** Issue 8: the fit runs in worker threads, reports progress, can be cancelled, and equals the in-thread fit. */
import { describe, expect, it } from 'vitest';
import { fit, FitCancelledError, type FitOptions, type FitRun } from '../../../src-main/engine/fit';
import { runFit, type FitServiceProgress } from '../../../src-main/services/fit';
import { chinchillaRuns, hasChinchilla, logspace, normals } from '../../unit/engine/fit/helpers';

function syntheticRuns(): FitRun[] {
  const z = normals(99);
  const runs: FitRun[] = [];
  for (const N of logspace(1e8, 1e10, 8)) for (const D of logspace(1e9, 3e11, 8)) runs.push({ nAct: N, tokens: D, loss: (1.7 + 400 / N ** 0.34 + 410 / D ** 0.28) * Math.exp(0.01 * z()) });
  return runs;
}

describe('fit in worker threads', () => {
  const options: FitOptions = {
    law: 'chinchilla',
    runs: hasChinchilla ? chinchillaRuns() : syntheticRuns(),
    dropHighest: hasChinchilla ? 5 : 0,
    delta: 1e-3,
    holdout: { lowestLoss: 10 },
    outliers: { threshold: 3 },
    bootstrap: { samples: 24, seed: 3 },
  };

  it('equals the in-thread fit and reports progress', async () => {
    const local = fit(options);
    const events: FitServiceProgress[] = [];
    const remote = await runFit(options, { workers: 2, onProgress: (p) => events.push(p) });
    expect(remote.coefficients).toEqual(local.coefficients);
    expect(remote.objective).toBe(local.objective);
    expect(remote.rmseTrain).toBe(local.rmseTrain);
    expect(remote.rmseHoldout).toBe(local.rmseHoldout);
    expect(remote.bestStart).toBe(local.bestStart);
    expect(remote.intervals).toEqual(local.intervals);
    expect(remote.residuals).toEqual(local.residuals);
    expect(remote.selection).toBe('lowest-train-plus-holdout-rmse');
    expect(remote.counts.holdout).toBe(10);
    // progress: screening then bootstrap, fractions non-decreasing and ending at 1
    expect(events.some((e) => e.phase === 'screen')).toBe(true);
    expect(events.some((e) => e.phase === 'bootstrap')).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i]!.fraction).toBeGreaterThanOrEqual(events[i - 1]!.fraction - 1e-12);
    expect(events.at(-1)!.fraction).toBeCloseTo(1, 9);
  });

  it('does not block the main thread while fitting', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      await runFit({ ...options, bootstrap: { samples: 40, seed: 1 } }, { workers: 2 });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(5);
  });

  it('cancels through an AbortSignal', async () => {
    const ac = new AbortController();
    const big: FitOptions = { ...options, bootstrap: { samples: 5000, seed: 1 } };
    let sawProgress = false;
    const p = runFit(big, {
      workers: 2,
      signal: ac.signal,
      onProgress: () => {
        if (!sawProgress) {
          sawProgress = true;
          ac.abort();
        }
      },
    });
    // Rejecting with FitCancelledError (not resolving with a result) is the proof; timing is the bench's business.
    await expect(p).rejects.toBeInstanceOf(FitCancelledError);
    expect(sawProgress).toBe(true);
  });

  it('rejects at once when the signal is already aborted, and names bad fields', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(runFit(options, { signal: ac.signal })).rejects.toBeInstanceOf(FitCancelledError);
    await expect(runFit({ ...options, delta: -1 })).rejects.toThrow(/delta/);
    await expect(runFit(options, { workers: 0 })).rejects.toThrow(/workers/);
  });
});
