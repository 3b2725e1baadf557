/**
 * A fit with bootstrap, saved as a set, stores its replicates (migration 6), and a reverse plan
 * with that set shows the 90 % bootstrap band and how often each E wins; editing the set's
 * numbers drops the replicates, since they no longer describe it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchWorkspace } from './dispatch-workspace';

const { ctx, ok, close } = dispatchWorkspace('moe-target-replicates-');
afterAll(close);

/** Runs from L = 1.8 + 480/N^0.35 + 2000/D^0.37 with ±1 % deterministic noise, so replicates differ. */
function csv(): string {
  const lines = ['name,params (M),tokens (B),loss'];
  let x = 11;
  const noise = () => ((x = (x * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32 - 0.5) * 0.02;
  for (const N of [50, 100, 200, 400, 800, 1600]) {
    for (const D of [1, 3, 10, 30, 100]) {
      const L = (1.8 + 480 / (N * 1e6) ** 0.35 + 2000 / (D * 1e9) ** 0.37) * (1 + noise());
      lines.push(`n${N}-d${D},${N},${D},${L}`);
    }
  }
  return lines.join('\n') + '\n';
}
const grid = { A: [100, 1000], B: [300, 3000], E: [1, 2], alpha: [0.2, 0.5], beta: [0.2, 0.5] };

describe('bootstrap replicates of a fitted set', () => {
  it('are stored with the set and give reverse plans a 90 % band with E-win shares', async () => {
    const { jobId } = await ok('fit.start', { law: 'chinchilla', source: { text: csv(), fileName: 'noisy.csv' }, options: { grid, replaceGrid: true, bootstrap: 12, bootstrapSeed: 3 } });
    let status = await ok('fit.status', { jobId });
    for (let k = 0; k < 1200 && status.state === 'running'; k++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await ok('fit.status', { jobId });
    }
    expect(status.state).toBe('done');
    const set = await ok('fit.save', { jobId, name: 'Noisy Chinchilla fit' });
    const stored = ctx.store().coefficients.replicates(set.id)!;
    expect(stored.length).toBe(12 - status.result!.bootstrap!.failed);
    expect(Object.keys(stored[0]!).sort()).toEqual(Object.keys(set.values).sort());
    // The replicates are refits, not copies of the point estimate.
    expect(new Set(stored.map((v) => v.alpha)).size).toBeGreaterThan(1);

    const plan = await ok('plan.target', { goal: { kind: 'match-dense', params: 1e9, tokens: 2e11 }, laws: ['chinchilla'], chinchillaSetId: set.id });
    const w = plan.laws[0]!.winners.find((x) => x.objective === 'trainingFlops')!;
    expect(w.uncertainty).toMatchObject({ kind: 'bootstrap', replicates: stored.length, expertWins: [{ experts: 1, share: 1 }] });
    expect(w.uncertainty!.value.low).toBeLessThan(w.uncertainty!.value.high);
    expect(w.uncertainty!.nAct.low).toBeLessThan(w.uncertainty!.nAct.high);
    expect(plan.answer).toMatch(/90 % band over \d+ bootstrap refits/);
    expect(plan.answer).toMatch(/E = 1 in 100 %/);

    await ok('coefficients.update', { id: set.id, values: { ...set.values, E: set.values.E! + 0.01 } });
    expect(ctx.store().coefficients.replicates(set.id)).toBeNull();
  });
});

describe('compute plans with a fitted joint set', () => {
  it('carry the 90 % band when the set has replicates, and none for a published set', async () => {
    const base = (await ok('coefficients.get', { id: 'ludziejewski2025-joint' })) as { values: Record<string, number> };
    const set = ctx.store().coefficients.create({ law: 'joint', name: 'Joint with replicates', values: base.values });
    ctx.store().coefficients.saveReplicates(
      set.id,
      [0.97, 1, 1.03].map((f) => ({ ...base.values, alpha: base.values.alpha! * f })),
    );
    const withBand = await ok('plan.compute', { flops: 1e21, coefficientSetId: set.id });
    expect(withBand.uncertainty).toMatchObject({ kind: 'bootstrap', replicates: 3 });
    expect(withBand.uncertainty!.nAct!.low).toBeLessThan(withBand.uncertainty!.nAct!.high);
    // The same band on memory and inference plans, re-solving their own problem per replicate.
    const memory = await ok('plan.memory', { flops: 1e21, memoryBytes: 2e9, coefficientSetId: set.id });
    expect(memory.uncertainty).toMatchObject({ kind: 'bootstrap', replicates: 3 });
    const inference = await ok('plan.inference', { flops: 1e21, inferenceTokens: 1e11, coefficientSetId: set.id });
    expect(inference.uncertainty).toMatchObject({ kind: 'bootstrap', replicates: 3 });
    expect(inference.uncertainty!.perExpert!.length).toBeGreaterThan(1);
  });

  it('carry the published fit error (±0.0062 nats/token train RMSE) as a loss band on every plan kind with the published set', async () => {
    for (const [channel, req] of [
      ['plan.compute', { flops: 1e21 }],
      ['plan.memory', { flops: 1e21, memoryBytes: 2e9 }],
      ['plan.inference', { flops: 1e21, inferenceTokens: 1e11 }],
    ] as const) {
      const plan = await ok(channel, req as never);
      const u = plan.uncertainty!;
      expect(u.kind, channel).toBe('published-fit-error');
      expect(u.loss.high - plan.best!.loss).toBeCloseTo(0.0062, 12);
      expect(u.nAct).toBeNull();
      expect(u.label).toMatch(/Published fit error/);
    }
  });
});
