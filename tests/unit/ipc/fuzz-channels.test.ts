/**
 * Property: no payload reaches `internal`. For every channel, payloads are generated from its own
 * request schema (values on the schema's bounds, denormals, 1e308, -0, numbers as strings, deep
 * nesting, huge arrays, prototype keys) and sent through dispatch, in process, against a real
 * store in a temporary folder. A bounded number of runs per channel keeps this a unit test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../../src-main/ipc/contract';
import { handlers, type ServiceContext } from '../../../src-main/services';
import { lazyStore } from '../../../src-main/services/store-access';
import { arbitraryFor, deeplyNested } from './zod-arbitrary';

const root = mkdtempSync(join(tmpdir(), 'moe-fuzz-'));
const access = lazyStore(join(root, 'data'));
const ctx: ServiceContext = { transport: 'cli', dataDir: join(root, 'data'), appVersion: '0.0.0-fuzz', store: access.store };
afterAll(() => {
  access.close();
  rmSync(root, { recursive: true, force: true });
});

/** The heavy channels (multi-start fits) get fewer runs, as does an import (a worker thread started per call); everything gets some. */
const RUNS: Partial<Record<ChannelName, number>> = { 'fit.run': 8, 'fit.start': 8, 'reports.pdf': 8, 'leverage.fromFits': 15, 'projects.import': 20 };
const DEFAULT_RUNS = Number(process.env.FUZZ_RUNS ?? 60);

async function internalFailure(channel: ChannelName, payload: unknown): Promise<string | null> {
  const env = await dispatch(handlers, ctx, channel, payload);
  return !env.ok && env.error.code === 'internal' ? env.error.message : null;
}

describe('fuzzing every channel from its schema', () => {
  it.each(CHANNEL_NAMES.map((c) => [c]))('%s never answers internal', async (channel) => {
    await fc.assert(
      fc.asyncProperty(arbitraryFor(contract[channel].request), async (payload) => {
        const message = await internalFailure(channel, payload);
        expect(message, `internal error for ${channel}`).toBeNull();
      }),
      { numRuns: RUNS[channel] ?? DEFAULT_RUNS, seed: Number(process.env.FUZZ_SEED ?? 1414), endOnFailure: true },
    );
  });

  it('refuses payloads nested thousands deep, naming where, instead of overflowing the stack', async () => {
    for (const kind of ['array', 'object'] as const) {
      const env = await dispatch(handlers, ctx, 'scenarios.create', { projectId: 'p', name: 'deep', wizard: 'plan', inputs: deeplyNested(5_000, kind) });
      expect(env.ok).toBe(false);
      if (!env.ok) {
        expect(env.error.code).toBe('invalid-request');
        expect(env.error.message).toMatch(/nested/);
        expect(env.error.path?.[0]).toBe('inputs');
      }
    }
  });
});
