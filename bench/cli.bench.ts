/**
 * CLI start-up (issue 15): the whole-process wall time of `moe-workbench --help` and of
 * `moe-workbench plan compute --flops 1e22`, as ratios to `node -e 0` measured in the same
 * rounds (interleaved, so a busy machine slows all three alike). Targets: at most 3× for
 * --help and 4× for a plan. And `moe-workbench batch` answering 10,000 plan.compute requests
 * (budgets 1e19..1e24) in one process in under 5 s. The bundle is rebuilt first, so the bin
 * runs the current sources.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchResult, BenchSuite } from './harness';
import { captureIo, runCli } from '../src-main/cli/run';
import { lazyStore } from '../src-main/services/store-access';

const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'moe-cli-bench-'));
const ROUNDS = 7;

function wallMs(args: string[], input?: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    env: { ...process.env, MOE_WORKBENCH_DATA: dataDir, NODE_OPTIONS: '' },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
    ...(input === undefined ? {} : { input }),
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
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
  const requests = Array.from({ length: BATCH }, (_, i) => JSON.stringify({ channel: 'plan.compute', request: { flops: 10 ** (19 + (5 * i) / (BATCH - 1)) } })).join('\n');
  const batchMs = wallMs([bin, 'batch'], requests);
  // The same batch in this process: its CPU time says what the work costs when the machine is busy (wall time then mostly waits).
  const access = lazyStore(dataDir);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const inProcess = await runCli(['batch'], { transport: 'cli', dataDir, appVersion: 'bench', store: access.store }, captureIo(requests));
  const inProcessMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  access.close();
  if (inProcess.code !== 0) throw new Error(`in-process batch failed: ${inProcess.stderr}`);
  return [
    { name: 'node -e 0 (baseline process)', ms: base },
    { name: `moe-workbench batch: ${BATCH.toLocaleString('en-US')} plan.compute requests (whole process)`, ms: batchMs, targetMs: 5000, note: `${(batchMs / BATCH).toFixed(3)} ms per request; ${(batchMs / base).toFixed(1)}× node -e 0` },
    { name: `  the same batch in-process (wall; CPU in the note)`, ms: inProcessMs, note: `CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms user+system` },
    result('moe-workbench --help (whole process)', 'help', 3),
    result('moe-workbench plan compute --flops 1e22 (whole process)', 'plan', 4),
  ];
};

export default suite;
