/**
 * The CLI's V8 tiering (src-main/cli/optimiser.ts): set at run time, it must reach V8's tiering
 * decisions as the command-line flag does (Node warns that flags set after start may do nothing).
 * A child process (deterministic tiering: no concurrent compilation, no on-stack replacement)
 * counts the calls of one function until TurboFan has optimised it, with V8's default and after
 * tuneOptimiserForOneCommand(): V8 counts interrupt-budget ticks, so waiting 12 ticks instead of
 * 3 takes about four times the calls.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_TICKS_BEFORE_OPTIMIZATION, tunedFor, tuneOptimiserForOneCommand } from '../../../src-main/cli/optimiser';

const MODULE = fileURLToPath(new URL('../../../src-main/cli/optimiser.ts', import.meta.url));

/** Calls until `work` is optimised (V8's status bit 16), in a fresh process; `tune` first applies the CLI's setting. */
function callsUntilOptimised(tune: boolean): number {
  const script = `
    const status = new Function('f', 'return %GetOptimizationStatus(f)');
    function work(n) { let s = 0, t = 1, u = 2; for (let i = 0; i < n; i++) { s += (i * 7) % 13; t = (t * 31 + i) % 1009; u ^= (s + t) & 255; if (u > 100) s -= u % 7; else t += u % 5; } return s + t + u; }
    import(${JSON.stringify(MODULE)}).then((m) => {
      if (${tune} && !m.tuneOptimiserForOneCommand()) throw new Error('not tuned on this V8');
      let calls = 0;
      while (!(status(work) & 16) && calls < 1e5) { work(20); calls++; }
      console.log(calls);
    });`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--allow-natives-syntax', '--no-concurrent-recompilation', '--no-use-osr', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`probe exited ${r.status}: ${r.stderr}`);
  return Number(r.stdout.trim());
}

describe('the CLI optimiser setting', () => {
  it('is applied only on the V8 it was measured on (Node 20, V8 11.x)', () => {
    expect(tunedFor('11.3.244.8-node.38')).toBe(true);
    expect(tunedFor('12.4.254.21-node.33')).toBe(false);
    expect(tunedFor('9.4.146.26')).toBe(false);
    expect(tuneOptimiserForOneCommand('13.6.233.10')).toBe(false);
  });

  it.runIf(tunedFor(process.versions.v8))('reaches V8 at run time: a function is optimised after about 12/3 times the calls', () => {
    const before = callsUntilOptimised(false);
    const after = callsUntilOptimised(true);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeLessThan(1e5);
    // V8's default is 3 ticks; 12 would be 4×: allow for the first tick's partial budget.
    expect(after / before).toBeGreaterThan((CLI_TICKS_BEFORE_OPTIMIZATION / 3) * 0.75);
  });
});
