/**
 * The browser-mode server's start (`npm run web`): how long until it answers its first requests,
 * and how much CPU the start costs, with the dispatch pool starting one worker (web/dispatch-pool.ts)
 * against a second worker started beside it at once, as the pool did before (the baseline,
 * measured in the same run). Each worker loads the services bundle as it boots; on a 2-core
 * machine two at once compete with the request thread and with each other.
 *
 * Each process (bench/web-start.child.ts, bundled as the server is) starts on the same data
 * folder, which an untimed process created first; the parent then asks, as the Compute page does
 * when it opens, for the page itself (GET /, answered by the request thread) and for the iso-FLOP
 * sweep (sweep.isoFlop, a heavy channel, answered by the pool's first worker). Times are from
 * the spawn to each answer; CPU is the child's user + system time, all threads, once the requests
 * are answered and every worker it started has booted. The two kinds are taken in turn (ABBA), so
 * both see the same load, which each row prints: on this shared machine wall times move with it,
 * CPU time much less.
 * When the pool stopped starting its second worker with the first (2026-12-02, 8 processes each,
 * two runs at load 5.1–5.5 on 2 cores): start CPU median 724 and 675 ms against 1,152 and 995 ms;
 * the first heavy answer 882 and 749 ms from spawn against 1,271 and 982; the page 552 and 470 ms
 * against 594 and 493 (the request thread answers it, so it gains least). A third run (load
 * 5.3 → 4.4): CPU 761 against 1,131 ms, heavy answer 637 against 752, page 391 against 430; and a
 * worker booted in the started server answered after 276 ms (median of 16): what a call waits, at
 * most, when it is the one that starts the second worker, against a long job's seconds.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import type { BenchResult, BenchSuite } from './harness';

const root = resolve(import.meta.dirname, '..');
const ROUNDS = 8;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg()[0]!.toFixed(2);

type Mode = 'one' | 'two';
type Start = { pageMs: number; sweepMs: number; cpuMs: number; workers: number; laterBootMs: number };

/** One server process: spawn, the page and the sweep asked for as soon as it listens, then its CPU time. */
async function startOnce(script: string, dataDir: string, rendererDir: string, mode: Mode): Promise<Start> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [script, dataDir, rendererDir, mode], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((r) => child.on('exit', r));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const line = await lines.next();
    if (line.done) throw new Error(`web-start child (${mode}) exited ${await exited} before answering`);
    return JSON.parse(line.value) as T;
  };
  const { url, token } = await next<{ url: string; token: string }>();
  const since = (p: Promise<Response>) => p.then(async (r) => (await r.arrayBuffer(), performance.now() - t0));
  const [pageMs, sweepMs] = await Promise.all([
    since(fetch(url)),
    since(fetch(`${url}api/sweep.isoFlop`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ flops: 1e22 }) })),
  ]);
  child.stdin.end('done\n');
  const { cpuMs, workers, laterBootMs } = await next<{ cpuMs: number; workers: number; laterBootMs: number }>();
  await exited;
  return { pageMs, sweepMs, cpuMs, workers, laterBootMs };
}

const suite: BenchSuite = async () => {
  const { bundleCli } = (await import(pathToFileURL(join(root, 'build/bundle-cli.mjs')).href)) as {
    bundleCli: (o: { outdir: string; entryPoints: Record<string, string> }) => Promise<unknown>;
  };
  const outdir = join(root, 'out', 'bench-web-start');
  // The pool looks for its worker next to the chunk that holds it.
  await bundleCli({ outdir, entryPoints: { 'web-start': 'bench/web-start.child.ts', 'dispatch-worker': 'src-main/web/dispatch-worker.ts' } });
  const dir = mkdtempSync(join(tmpdir(), 'moe-web-start-bench-'));
  try {
    const dataDir = join(dir, 'data');
    // The page the server sends for GET / (the built renderer's is no costlier to send: it is read and written as it is).
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>MoE Workbench</title>');
    const script = join(outdir, 'web-start.js');
    await startOnce(script, dataDir, rendererDir, 'one'); // creates and seeds the store, untimed
    const runs: Record<Mode, Start[]> = { one: [], two: [] };
    const loadBefore = load();
    for (let i = 0; i < ROUNDS; i++) {
      for (const mode of (i % 2 ? ['two', 'one'] : ['one', 'two']) as Mode[]) runs[mode].push(await startOnce(script, dataDir, rendererDir, mode));
    }
    const loads = `load average ${loadBefore} → ${load()}`;
    if (runs.one.some((r) => r.workers !== 1) || runs.two.some((r) => r.workers !== 2)) throw new Error('a web-start child started other than the workers its mode says');
    const m = (mode: Mode, k: keyof Omit<Start, 'workers' | 'laterBootMs'>) => median(runs[mode].map((r) => r[k]));
    const row = (name: string, k: keyof Omit<Start, 'workers' | 'laterBootMs'>, what: string): BenchResult => ({
      name,
      ms: m('one', k),
      baseline: { name: 'two workers at start', ms: m('two', k) },
      note: `${what}; median of ${ROUNDS} processes each, taken in turn; ${loads}`,
      load: loadavg()[0]!,
    });
    return [
      row('browser-mode server start: CPU (user+system, all threads)', 'cpuMs', 'CPU ms, not wall; until the first requests are answered and every started worker has booted'),
      row('browser-mode server start: page (GET /) answered', 'pageMs', 'from spawn'),
      row('browser-mode server start: first heavy call (sweep.isoFlop) answered', 'sweepMs', 'from spawn; answered by the pool\'s first worker'),
      {
        // What starting the second worker on demand costs the call that starts it, at most (less when the busy worker frees up first).
        name: 'a worker booted in a started server, until it answers',
        ms: median([...runs.one, ...runs.two].map((r) => r.laterBootMs)),
        note: `the longest a call waits when it starts the pool's second worker; median of ${2 * ROUNDS} processes; ${loads}`,
        load: loadavg()[0]!,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
