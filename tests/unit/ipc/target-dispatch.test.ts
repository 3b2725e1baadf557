/** plan.target through dispatch: the 7B/2T question end to end, and errors that name their field. */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers, type ServiceContext } from '../../../src-main/services';

const ctx: ServiceContext = {
  transport: 'cli',
  dataDir: '/tmp/moe-test',
  appVersion: '9.9.9',
  store: () => {
    throw new Error('these tests do not touch the store');
  },
};

type Json = Record<string, any>;

async function call(payload: unknown) {
  return (await dispatch(handlers, ctx, 'plan.target', payload)) as { ok: boolean; value?: Json; error?: Json };
}

/** Eq. 6 at E = 1 with Table 3's coefficients, written out here: Ê(1) = E_start. */
function jointDenseLoss(n: number, d: number): number {
  const eHat = 2.0732;
  return 35.91 * eHat ** -0.2285 * n ** (-0.1889 + 0.0098 * Math.log(eHat)) + 35.98 * eHat ** 0.5529 * d ** (-0.1775 - 0.0259 * Math.log(eHat)) + 1.3637;
}

describe('plan.target', () => {
  it('answers "the cheapest MoE that matches a 7B dense model on 2T tokens" per law, with provenance, flags and bands', async () => {
    const env = await call({ goal: { kind: 'match-dense', params: 7e9, tokens: 2e12 } });
    expect(env.ok).toBe(true);
    const v = env.value!;
    const joint = v.laws.find((l: Json) => l.law === 'joint');
    expect(joint.reference.loss).toBeCloseTo(jointDenseLoss(7e9, 2e12), 4);
    expect(joint.provenance.coefficientSet.id).toBe('ludziejewski2025-joint');
    const w = joint.winners.find((x: Json) => x.objective === 'trainingFlops');
    expect(w.design.loss).toBeCloseTo(joint.reference.loss, 8);
    expect(w.uncertainty.kind).toBe('published-fit-error');
    expect(w.uncertainty.value.low).toBeLessThan(w.value);
    expect(v.laws.map((l: Json) => l.law)).toEqual(['joint', 'chinchilla', 'comprehensive']);
    // 7B on 2T tokens lies beyond every fitted range: the answer must say so.
    expect(v.flags.some((f: Json) => f.variable === 'tokens' && /above/.test(f.message))).toBe(true);
    // In planner units (src-main/format): 7e9 parameters read "7 B", 2e12 tokens "2 T".
    expect(v.answer).toMatch(/^To match a dense model of 7 B parameters trained on 2 T tokens/);
    expect(v.answer).toMatch(/E = \d+/);
  });

  it('a loss at the irreducible floor of every law is an invalid request naming goal.loss', async () => {
    const env = await call({ goal: { kind: 'loss', loss: 1.2 }, laws: ['joint'] });
    expect(env.ok).toBe(false);
    expect(env.error).toMatchObject({ code: 'invalid-request', path: ['goal', 'loss'] });
    expect(env.error!.message).toMatch(/irreducible/);
  });

  it('malformed goals and a price without hardware name their field', async () => {
    const neg = await call({ goal: { kind: 'match-dense', params: -7e9, tokens: 2e12 } });
    expect(neg.error).toMatchObject({ code: 'invalid-request', path: ['goal', 'params'] });
    const price = await call({ goal: { kind: 'loss', loss: 2.2 }, pricePerDeviceHour: 2 });
    expect(price.error).toMatchObject({ code: 'invalid-request', path: ['pricePerDeviceHour'] });
    const law = await call({ goal: { kind: 'loss', loss: 2.2 }, laws: ['leverage'] });
    expect(law.error!.path).toEqual(['laws', 0]);
  });
});
