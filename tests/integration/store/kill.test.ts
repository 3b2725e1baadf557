/**
 * Reliability: a writer killed with SIGKILL at random moments, many times, must leave a database
 * that passes integrity_check and holds every scenario it reported as committed, exactly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store';
// Seeded, so a failing run can be repeated with the same kill times.
import { mulberry32 } from '../../../src-main/engine/fit/prng';

const here = dirname(fileURLToPath(import.meta.url));
const writer = join(here, 'kill-writer.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'moe-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Reported {
  id: string;
  name: string;
  inputs: unknown;
  results: unknown;
  tags: string[];
  notes: string;
}


/**
 * Starts a writer and kills it `delayMs` after its first committed write (or after spawning,
 * when `fromSpawn`, to hit opening, migrating and seeding too).
 */
function runAndKill(seed: number, delayMs: number, fromSpawn: boolean): Promise<Reported[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    let timer: NodeJS.Timeout | undefined;
    const arm = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs));
    if (fromSpawn) arm();
    else child.stdout.once('data', arm);
    // a safety net: never leave a writer running if it fails to start writing
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer exited by itself (code ${code}): ${err}`));
        return;
      }
      // a line cut by the kill has no newline yet: it was never reported
      const lines = out.split('\n').slice(0, -1);
      resolvePromise(lines.map((l) => JSON.parse(l) as Reported));
    });
  });
}

describe('SIGKILL during writes', () => {
  it('leaves an intact database holding every reported scenario', { timeout: 180_000 }, async () => {
    const rnd = mulberry32(20250101);
    const reported: Reported[] = [];
    let writingKills = 0;
    const iterations = 25;
    const started = Date.now();
    for (let k = 0; k < iterations && Date.now() - started < 120_000; k++) {
      // one in five kills lands anywhere from start-up on (open, migrate, seed); the rest mid-writing
      const fromSpawn = k % 5 === 0;
      const delay = fromSpawn ? Math.floor(rnd() * 1500) : Math.floor(rnd() * 300);
      const got = await runAndKill(k + 1, delay, fromSpawn);
      if (got.length > 0) writingKills++;
      reported.push(...got);
    }
    expect(writingKills).toBeGreaterThanOrEqual(10);

    const store = openStore({ dataDir });
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
  });
});
