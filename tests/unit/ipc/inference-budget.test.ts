import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers, type ServiceContext } from '../../../src-main/services';
import type { ResponseOf } from '../../../src-main/ipc/contract';

const ctx: ServiceContext = {
  transport: 'cli',
  dataDir: '/tmp/moe-inference-budget',
  appVersion: 'test',
  store: () => {
    throw new Error('no store needed');
  },
};

async function call<T>(channel: string, request: unknown): Promise<T> {
  const env = await dispatch(handlers, ctx, channel, request);
  if (!env.ok) throw new Error(env.error.message);
  return env.value as T;
}

type Plan = ResponseOf<'plan.inference'>;

describe('inference plan with a training budget', () => {
  it.each([
    [1e21, 1e11],
    [1e22, 1e12],
    [3e23, 5e12],
  ])('F = %s, D_inf = %s: serving the compute-optimal model is added, then the total is split anew', async (flops, inferenceTokens) => {
    const experts = [1, 2, 4, 8, 16];
    const compute = await call<ResponseOf<'plan.compute'>>('plan.compute', { flops, experts });
    const plan = await call<Plan>('plan.inference', { flops, inferenceTokens, experts, budgetIs: 'training' });
    const best = compute.best!;
    // The total is the training budget plus 2·N_act·D_inf for the model that budget trains.
    expect(plan.budget?.totalFlops).toBeCloseTo(flops + 2 * best.nAct * inferenceTokens, -Math.round(Math.log10(flops)) + 9);
    expect(plan.flops).toBe(plan.budget?.totalFlops);
    // That compute-optimal design, trained and served, is one point on the same budget line, so the
    // inference-optimal plan can only do as well or better.
    expect(plan.best!.loss).toBeLessThanOrEqual(best.loss + 1e-12);
    // Every candidate spends the whole total on training plus serving.
    for (const c of plan.candidates) if (c.feasible) expect((c.trainingFlops + c.inferenceFlops) / plan.flops).toBeCloseTo(1, 9);
  });

  it('a total budget is used as given', async () => {
    const plan = await call<Plan>('plan.inference', { flops: 1e22, inferenceTokens: 1e12 });
    expect(plan.budget).toMatchObject({ given: 1e22, meaning: 'total', totalFlops: 1e22, computeOptimalAtTraining: null });
  });

  it('refuses an unknown budget meaning, naming the field', async () => {
    const env = await dispatch(handlers, ctx, 'plan.inference', { flops: 1e22, inferenceTokens: 1e12, budgetIs: 'weekly' });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.path).toEqual(['budgetIs']);
  });
});
