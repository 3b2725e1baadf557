/**
 * Reliability: a writer killed with SIGKILL many times (at least 100 kills per run, counted, not
 * timed) must leave a database that passes integrity_check and holds every scenario it reported
 * as committed, exactly. Each writer is killed once it has reported a seeded-random number of
 * commits (0 means: as soon as it starts opening, to hit open, migration and seeding too), so
 * the test waits on the writer's progress, never on a clock.
 *
 * The writer is bundled once with esbuild, so each of the 100+ processes starts in a fraction
 * of the time `node --import tsx` would take.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store';
// Seeded, so a failing run can be repeated with the same kill points.
import { mulberry32 } from '../../../src-main/engine/fit/prng';

const here = dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'moe-kill-'));
const dataDir = join(root, 'data');
const bundle = join(root, 'kill-writer.cjs');
const NODE_MODULES = join(here, '..', '..', '..', 'node_modules');
const KILLS = 100;
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  await build({ entryPoints: [join(here, 'kill-writer.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], outfile: bundle, logLevel: 'error' });
});

interface Reported {
  id: string;
  name: string;
  inputs: unknown;
  results: unknown;
  tags: string[];
  notes: string;
}

/** Starts a writer and SIGKILLs it when it has reported `commits` commits (0: when it starts opening). */
function runAndKill(seed: number, commits: number): Promise<Reported[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bundle, dataDir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: NODE_MODULES } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const lines = out.split('\n').slice(0, -1);
      const reported = lines.filter((l) => l !== 'opening').length;
      if ((commits === 0 && lines.length > 0) || reported >= commits) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer exited by itself (code ${code}): ${err}`));
        return;
      }
      // a line cut by the kill has no newline yet: it was never reported
      const lines = out.split('\n').slice(0, -1).filter((l) => l !== 'opening');
      resolvePromise(lines.map((l) => JSON.parse(l) as Reported));
    });
  });
}

describe('SIGKILL during writes', () => {
  it(`leaves an intact database holding every reported scenario, after ${KILLS} kills`, { timeout: 600_000 }, async () => {
    const rnd = mulberry32(20250101);
    const reported: Reported[] = [];
    let kills = 0;
    let writingKills = 0;
    for (let k = 0; k < KILLS; k++) {
      // one in five kills lands from start-up on (open, integrity check, migrate, seed); the rest mid-writing
      const commits = k % 5 === 0 ? 0 : 1 + Math.floor(rnd() * 6);
      const got = await runAndKill(k + 1, commits);
      kills++;
      if (got.length > 0) writingKills++;
      reported.push(...got);
    }
    expect(kills).toBeGreaterThanOrEqual(100);
    expect(writingKills).toBeGreaterThanOrEqual(75);

    const store = openStore({ dataDir });
    // the last writer was killed: this open ran the full check, and found nothing wrong
    expect(store.fullCheck).toBe(true);
    expect(store.integrityCheck()).toEqual(['ok']);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    for (const r of reported) {
      const s = store.scenarios.get(r.id);
      expect({ name: s.name, inputs: s.inputs, results: s.results, tags: s.tags, notes: s.notes }).toEqual({
        name: r.name,
        inputs: r.inputs,
        results: r.results,
        tags: r.tags,
        notes: r.notes,
      });
      expect(s.inputsChanged).toBe(false);
    }
    store.close();
    // every killed session's marker was cleared by the open after it
    expect(readdirSync(dataDir).filter((f) => f.includes('.in-use-'))).toEqual([]);
  });
});
