/**
 * CLI start-up (issue 15): the whole-process wall time of `moe-workbench --help` and of
 * `moe-workbench plan compute --flops 1e22`, as ratios to `node -e 0` measured in the same
 * rounds (interleaved, so a busy machine slows all three alike). Targets: at most 3× for
 * --help and 4× for a plan. And `moe-workbench batch` answering 10,000 plan.compute requests in
 * one process in under 5 s: every request differs (budgets log-spaced over 1e19..1e24, six
 * expert lists in turn), so nothing is answered from a cache. Its CPU time (user + system) is
 * printed beside the wall time: on a shared machine the wall time mostly says how long the
 * process waited for a core. The bundle is rebuilt first, so the bin runs the current sources.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult, BenchSuite } from './harness';

const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'moe-cli-bench-'));
const ROUNDS = 7;

function spawnMs(args: string[], input?: string): { ms: number; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    env: { ...process.env, MOE_WORKBENCH_DATA: dataDir, NODE_OPTIONS: '' },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...(input === undefined ? {} : { input }),
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stderr: r.stderr };
}

const wallMs = (args: string[], input?: string) => spawnMs(args, input).ms;

/** Runs the bin with `args` in a process that reports its own CPU time (user + system, ms) on exit. */
function binWithCpu(bin: string, args: string[], input: string): { ms: number; cpuMs: number } {
  const script =
    `process.argv = [process.argv[0], ${JSON.stringify(bin)}, ...process.argv.slice(1)];` +
    `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('cpu-us ' + (u.user + u.system) + '\\n'); });` +
    `await import(${JSON.stringify(pathToFileURL(bin).href)});`;
  const { ms, stderr } = spawnMs(['--input-type=module', '-e', script, ...args], input);
  const cpu = /cpu-us (\d+)/.exec(stderr);
  if (!cpu) throw new Error(`no CPU time reported: ${stderr}`);
  return { ms, cpuMs: Number(cpu[1]) / 1000 };
}

/** 10,000 different plan.compute requests: budgets log-spaced over 1e19..1e24, expert lists in turn. */
function batchRequests(count: number): string {
  const expertLists = [[1, 2, 4, 8], [1, 8, 64], [2, 4, 8, 16, 32], undefined, [1, 2, 4, 8, 16, 32, 64, 128], [4]];
  return Array.from({ length: count }, (_, i) => {
    const experts = expertLists[i % expertLists.length];
    const request = { flops: 10 ** (19 + (5 * i) / (count - 1)), ...(experts ? { experts } : {}) };
    return JSON.stringify({ channel: 'plan.compute', request });
  }).join('\n');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const suite: BenchSuite = async () => {
  const built = spawnSync(process.execPath, [join(root, 'build/bundle-cli.mjs')], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`bundling the CLI failed: ${built.stderr}`);
  const bin = join(root, 'bin/moe-workbench.mjs');
  const cases = {
    node: ['-e', '0'],
    help: [bin, '--help'],
    plan: [bin, 'plan', 'compute', '--flops', '1e22'],
  };
  const times: Record<keyof typeof cases, number[]> = { node: [], help: [], plan: [] };
  wallMs(cases.plan); // warm the file cache once
  for (let i = 0; i < ROUNDS; i++) {
    for (const k of Object.keys(cases) as Array<keyof typeof cases>) times[k].push(wallMs(cases[k]));
  }
  const base = median(times.node);
  const result = (name: string, k: 'help' | 'plan', maxRatio: number): BenchResult => {
    const ms = median(times[k]);
    return { name, ms, targetMs: maxRatio * base, note: `${(ms / base).toFixed(2)}× node -e 0 (${base.toFixed(0)} ms); target ≤ ${maxRatio}×; median of ${ROUNDS} interleaved rounds` };
  };
  const BATCH = 10_000;
  const batch = binWithCpu(bin, ['batch'], batchRequests(BATCH));
  return [
    { name: 'node -e 0 (baseline process)', ms: base },
    {
      name: `moe-workbench batch: ${BATCH.toLocaleString('en-US')} varied plan.compute requests (whole process)`,
      ms: batch.ms,
      targetMs: 5000,
      baseline: { name: 'node -e 0', ms: base },
      note: `CPU ${batch.cpuMs.toFixed(0)} ms user+system; ${(batch.ms / BATCH).toFixed(3)} ms per request`,
    },
    result('moe-workbench --help (whole process)', 'help', 3),
    result('moe-workbench plan compute --flops 1e22 (whole process)', 'plan', 4),
  ];
};

export default suite;
