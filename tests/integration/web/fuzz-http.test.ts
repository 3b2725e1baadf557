/**
 * Issue 14's fuzz was over the browser mode: the same hostile payloads as the in-process fuzz
 * (tests/unit/ipc/fuzz-channels.test.ts, generated from each channel's request schema), a sample
 * per channel, sent as HTTP bodies to the real server, where JSON parsing adds its own cases
 * (`__proto__` as an own key, numbers past a double, a top-level value that is not an object,
 * nesting far deeper than a stack). No answer may be a 500 or `internal`.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../../src-main/ipc/contract';
import { handlers, rawBodyHandlers } from '../../../src-main/services';
import { lazyStore } from '../../../src-main/services/store-access';
import { startWebServer, type WebServer } from '../../../src-main/web/server';
import { arbitraryFor } from '../../unit/ipc/zod-arbitrary';

const root = mkdtempSync(join(tmpdir(), 'moe-fuzz-http-'));
const access = lazyStore(join(root, 'data'));
let server: WebServer;
beforeAll(async () => {
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  server = await startWebServer({ handlers, rawBodyHandlers, ctx: { dataDir: join(root, 'data'), appVersion: '0.0.0-fuzz', store: access.store, releaseStore: access.close }, rendererDir: join(root, 'renderer') });
});
afterAll(async () => {
  await server.close();
  access.close();
  rmSync(root, { recursive: true, force: true });
});

/** A sample per channel (the in-process fuzz runs 60); the slow channels get fewer. */
const RUNS: Partial<Record<ChannelName, number>> = { 'fit.run': 2, 'fit.start': 2, 'reports.pdf': 2, 'leverage.fromFits': 3 };
const DEFAULT_RUNS = Number(process.env.FUZZ_HTTP_RUNS ?? 6);

/** The status and error code of a raw body sent to a channel. */
async function send(channel: string, body: string): Promise<{ status: number; code: string | null; message: string }> {
  const res = await fetch(`${server.url}api/${encodeURIComponent(channel)}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body });
  const envelope = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
  return { status: res.status, code: envelope.ok ? null : (envelope.error?.code ?? null), message: envelope.error?.message ?? '' };
}

describe('fuzzing every channel over the browser mode', () => {
  it.each(CHANNEL_NAMES.map((c) => [c]))('%s never answers 500 or internal over HTTP', async (channel) => {
    await fc.assert(
      fc.asyncProperty(arbitraryFor(contract[channel].request), async (payload) => {
        // a value nested deeper than JSON.stringify's stack cannot be sent this way; the last test sends such bodies as text
        const body = (() => {
          try {
            return JSON.stringify(payload) ?? '';
          } catch {
            return null;
          }
        })();
        fc.pre(body !== null);
        const r = await send(channel, body!);
        expect(r.status, `${channel}: ${r.message}`).not.toBe(500);
        expect(r.code, `${channel}: ${r.message}`).not.toBe('internal');
      }),
      { numRuns: RUNS[channel] ?? DEFAULT_RUNS, seed: Number(process.env.FUZZ_SEED ?? 1415), endOnFailure: true },
    );
  });

  it('bodies only HTTP can send: not an object, numbers past a double, __proto__ keys, nesting 100,000 deep', async () => {
    const invalid = ['null', '[]', '"text"', '1e400', '{"flops": 1e400}', '{"flops": -1e400}', '{"__proto__": {"flops": 1e22}}', `{"flops": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`];
    for (const channel of ['plan.compute', 'projects.create', 'scenarios.create', 'projects.import'] as const) {
      for (const body of invalid) {
        const r = await send(channel, body);
        expect({ status: r.status, code: r.code }, `${channel} ${body.slice(0, 40)}: ${r.message}`).toEqual({ status: 400, code: 'invalid-request' });
      }
    }
    // a __proto__ key beside valid fields is just an unknown key: answered, and no prototype polluted
    const r = await send('plan.compute', '{"flops": 1e22, "__proto__": {"polluted": 1}}');
    expect(r.status).toBe(200);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
