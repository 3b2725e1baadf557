/**
 * A band's re-solves report progress and stop when told (the band job's cancel rests on it when
 * it runs in-process): stopping at the k-th report returns no band and re-solves nothing more.
 */
import { describe, expect, test } from 'vitest';
import { publishedSet, type CoefficientSet } from '../../../../src-main/engine/common/coefficients';
import { planComputeOptimal } from '../../../../src-main/engine/joint';
import { bootstrapPlanBand } from '../../../../src-main/engine/uncertainty';
import { planTarget } from '../../../../src-main/engine/target';

const JOINT = publishedSet('ludziejewski2025-joint');

/** Replicates as a fit would give them: the published values moved a few per cent. */
function replicates(n: number): CoefficientSet[] {
  let x = 7;
  const u = () => ((x = (x * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32) * 2 - 1;
  return Array.from({ length: n }, (_, i) => {
    const v = { ...JOINT.values };
    for (const k of ['a', 'b', 'alpha', 'beta']) v[k] = v[k]! * (1 + 0.03 * u());
    return { ...JOINT, id: `rep-${i}`, values: v };
  });
}

describe('stopping a band mid-way', () => {
  test('a forward band reports every 10 replicates and the last; false at the 3rd report stops it with no band', () => {
    const reps = replicates(95);
    const plan = planComputeOptimal({ flops: 1e22, experts: [1, 8, 32], coefficients: JOINT });
    const seen: number[] = [];
    expect(bootstrapPlanBand(reps, plan, { onProgress: (done) => void seen.push(done) })).not.toBeNull();
    expect(seen).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 95]);
    const stopped: number[] = [];
    const band = bootstrapPlanBand(reps, plan, { onProgress: (done, total) => (stopped.push(done), expect(total).toBe(95), stopped.length < 3) });
    expect(band).toBeNull();
    expect(stopped).toEqual([10, 20, 30]);
  });

  test('a reverse plan counts over every law\'s replicates; stopping leaves the winner without a bootstrap band', () => {
    const reps = replicates(40);
    const o = { goal: { kind: 'loss' as const, loss: 2.6 }, experts: [1, 8], sets: { joint: JOINT }, replicates: { joint: reps } };
    const seen: Array<[number, number]> = [];
    const full = planTarget({ ...o, onBootstrapProgress: (d, t) => void seen.push([d, t]) });
    expect(seen.at(-1)).toEqual([40, 40]);
    expect(full.laws[0]!.winners.find((w) => w.objective === 'trainingFlops')!.uncertainty?.kind).toBe('bootstrap');
    let reports = 0;
    const cut = planTarget({ ...o, onBootstrapProgress: () => ++reports < 2 });
    expect(reports).toBe(2);
    expect(cut.laws[0]!.winners.find((w) => w.objective === 'trainingFlops')!.uncertainty).toBeNull();
    // The plan itself is unchanged by the stop: the same winner and design.
    expect(cut.laws[0]!.winners.map((w) => [w.experts, w.value])).toEqual(full.laws[0]!.winners.map((w) => [w.experts, w.value]));
  });
});
