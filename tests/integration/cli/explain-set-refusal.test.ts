/**
 * explain.figure refuses a request naming a coefficient set of another law at the request's
 * coefficientSetId, for every law channel it explains (services/explain.ts requestSet), and an
 * unknown set as not-found there.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { ctx } from './run-cli';

const CASES: Array<[string, Record<string, unknown>]> = [
  ['law.joint', { nAct: 1e9, tokens: 2e10, experts: 8 }],
  ['law.chinchilla', { params: 1e9, tokens: 2e10 }],
  ['plan.chinchilla', { flops: 1e21 }],
  ['law.comprehensive', { total: 3e9, tokens: 5e10, active: 1e9, activeExperts: 4, sharedRatio: 0.2 }],
  ['law.leverage', { activation: 0.1, granularity: 8, flops: 1e21 }],
];

describe('explain.figure with a coefficient set of another law', () => {
  for (const [channel, request] of CASES) {
    it(`${channel}: refused at request.coefficientSetId`, async () => {
      // A dense-vs-MoE set is of none of these laws.
      const env = await dispatch(handlers, ctx, 'explain.figure', { channel, request: { ...request, coefficientSetId: 'wang2024-dense-moe' } });
      expect(env.ok).toBe(false);
      if (!env.ok) {
        expect(env.error.code).toBe('invalid-request');
        expect(env.error.path?.join('.')).toBe('request.coefficientSetId');
        expect(env.error.message).toMatch(/wang2024-dense-moe/);
      }
    });
  }

  it('an unknown set is not found, at the same field', async () => {
    const env = await dispatch(handlers, ctx, 'explain.figure', { channel: 'law.joint', request: { nAct: 1e9, tokens: 2e10, experts: 8, coefficientSetId: 'no-such-set' } });
    expect(env.ok).toBe(false);
    if (!env.ok) expect([env.error.code, env.error.path?.join('.')]).toEqual(['not-found', 'request.coefficientSetId']);
  });
});
