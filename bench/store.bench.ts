/**
 * Store speed at 100,000 scenarios (issue 14), on a real file in a temp dir, WAL mode, as the app
 * runs it. Each figure is printed with its target and, where growth is the question, the ratio
 * to the same operation at a small scale measured in the same run:
 * - save one scenario: < 1 ms, constant in project size (baseline: a 10-scenario project);
 * - search names and tags: < 10 ms;
 * - import a 10,000-scenario project file: < 2 s, linear (baseline: 1,000 into the same database),
 *   checked in a worker thread (started by the process's first import, measured apart, and kept)
 *   and written on the store's thread in chunks while it checks, checkpoints run by a worker
 *   thread as in the long-lived processes; over the browser mode, with another client saving every
 *   4 ms meanwhile, it blocks no save for more than a frame or two: the 99th percentile of those
 *   saves, request to answer, within 32 ms (two frames), beside as many saves with no import taken
 *   in the same run, interleaved (importRounds); no chunk on a core for over 16 ms (a frame), the
 *   longest the import itself holds the store's thread;
 * - open: after a clean close (sealed, no page check) < 200 ms; after an unclean close (full
 *   integrity_check) at 50 MB/s of database file or better.
 * Also, in the same run: the store thread's garbage collection per import, the import over the
 * browser mode against the same file in-process, and the machine's own lateness (the slowest of
 * many equal half-millisecond computations) as the floor under the slowest-save and longest-chunk
 * figures. Each figure carries the load average it was taken under.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { handlers, rawBodyHandlers } from '../src-main/services';
import { prepareInWorker } from '../src-main/services/import/prepare-in-worker';
import { lazyStore } from '../src-main/services/store-access';
import { databasePath, openStore, type ImportOptions, type ImportProgress, type Store } from '../src-main/store';
import { LOCK_TARGET_MS } from '../src-main/store/project-transfer';
import type { ClientAnswer, ClientCommand } from './store-import-client';
import { startWebServer, type WebServer } from '../src-main/web/server';
import { timeMedianAsync, timeMedian, type BenchResult, type BenchSuite } from './harness';

const SCENARIOS = 100_000;

/** Inputs and results about the size a wizard saves. */
function payload(i: number): { inputs: unknown; results: unknown } {
  return {
    inputs: { law: 'joint', coefficientSetId: 'ludziejewski2025-joint', budgetFlops: 1e21 * (1 + (i % 50)), experts: [1, 2, 4, 8, 16, 32, 64], precision: 'bf16', tokens: 2e11 },
    results: { loss: 2 + (i % 100) / 1000, flags: [], curve: Array.from({ length: 64 }, (_, k) => 2 + k / 64) },
  };
}

const WORDS = ['dense', 'moe', 'sparse', 'baseline', 'wide', 'deep', 'budget', 'alpha', 'granular', 'memory'];

function scenario(projectId: string, i: number) {
  const a = WORDS[i % WORDS.length]!;
  const b = WORDS[(i * 7 + 3) % WORDS.length]!;
  return {
    projectId,
    name: `${a} ${b} run ${i}`,
    wizard: i % 2 ? 'compute' : 'memory',
    tags: [WORDS[(i * 3) % WORDS.length]!, `batch-${i % 20}`],
    hardwareProfileId: 'h100-sxm',
    coefficientSetId: 'ludziejewski2025-joint',
    ...payload(i),
  };
}

function fill(store: Store, projectId: string, n: number): void {
  store.db.transaction(() => {
    for (let i = 0; i < n; i++) store.scenarios.create(scenario(projectId, i));
  })();
}

function saveMs(store: Store, projectId: string): number {
  let k = 0;
  return timeMedian(() => {
    store.scenarios.create({ ...scenario(projectId, k++), name: `saved ${k}`, tags: ['bench'] });
  }, 51, 5);
}

/** Rounds of the browser-mode import for each lock target compared (see importRounds). */
const ROUNDS = 3;
/**
 * Saves after an import's answer still counted with it, ms: two of the checkpoint worker's periods
 * (checkpointer.ts), so the log the import wrote is copied back, and the search index's own merging
 * back on, before the saves counted as "without an import" begin.
 */
const SETTLE_MS = 500;
/** A 60 Hz frame, ms. */
const FRAME_MS = 1000 / 60;
/*
 * LOCK_TARGET_MS (8 ms) was chosen against 6 ms in this bench, the two taken in mirrored pairs of
 * rounds in one run (2026-12-02): at load 6, 6 ms was worse on every figure (import 3.63 s against
 * 1.89 s, p99 save 37.1 against 29.2 ms); at load 15 its p99 was a little better (74.7 against
 * 82.6 ms) but the import took 8.7 s against 6.6 s and its longest chunk on a core 19.7 against
 * 12.5 ms. The comparison rounds were then dropped: they doubled the import part of every run.
 */

/** Percentile by nearest rank: the smallest value at least `p` of the values are at or under. */
function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

const spread = (xs: readonly number[]) => `p50 ${percentile(xs, 0.5).toFixed(1)}, p99 ${percentile(xs, 0.99).toFixed(1)}, max ${Math.max(...xs).toFixed(1)} ms`;

interface Round {
  importMs: number;
  /** Saves sent while the import ran and for SETTLE_MS after its answer, request to answer, ms. */
  during: number[];
  /** As many saves sent right after those with no import running (the same client, pace and server). */
  without: number[];
  chunks: ImportProgress[];
}

/**
 * The browser mode as a user drives it: the server on this thread owns the store (as `npm run
 * web`'s request thread does) and a client in a worker thread imports `file` while saving a
 * scenario every 4 ms, then saves as many times again with no import running, `count` times after
 * an untimed first import, so every import's saves have a baseline taken seconds later, same
 * count, same client, same server.
 */
async function importRounds(server: WebServer, projectId: string, file: string, count: number, chunks: ImportProgress[]): Promise<Round[]> {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const entry = new URL('./store-import-client.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: { url: server.url, token: server.token, projectId } });
  const answers: Array<(m: unknown) => void> = [];
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  worker.on('message', (m: unknown) => answers.shift()?.(m));
  const next = () => Promise.race([new Promise<unknown>((resolve) => answers.push(resolve)), failed]);
  const ask = async (command: ClientCommand): Promise<ClientAnswer> => {
    const answer = next();
    worker.postMessage(command);
    const m = (await answer) as ClientAnswer | { error: string };
    if ('error' in m) throw new Error(`the bench's client: ${m.error}`);
    return m;
  };
  try {
    await next(); // ready
    // untimed: a run's first import over the browser mode was its slowest (22.4 s and 8.5 s against
    // 13.4/5.2 and 2.5/4.7 s for the later ones at the same target)
    await ask({ kind: 'import', file, settleMs: 0 });
    const rounds: Round[] = [];
    for (let i = 0; i < count; i++) {
      chunks.length = 0;
      const { importMs, saves: during } = await ask({ kind: 'import', file, settleMs: SETTLE_MS });
      const roundChunks = [...chunks];
      const { saves: without } = await ask({ kind: 'saves', count: during.length });
      rounds.push({ importMs, during, without, chunks: roundChunks });
    }
    return rounds;
  } finally {
    await worker.terminate();
  }
}

/** An import as the services run it: prepared in their worker thread, written on this one; its longest chunk goes to `locks`. */
async function importMs(store: Store, text: string, locks?: number[]): Promise<number> {
  return timeMedianAsync(async () => {
    await store.importFrom(await prepareInWorker({ text }), { onChunk: ({ lockMs }) => void locks?.push(lockMs) });
  }, 3, 1);
}

/**
 * The slowest of `n` equal pure computations (about half a millisecond each, no I/O, no
 * allocation) on this thread: how late the machine itself makes a short task, the floor under
 * any slowest-save or longest-chunk figure taken at the same time.
 */
function schedulingNoise(n: number): { slowest: number; median: number } {
  const times: number[] = [];
  let sink = 0;
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    for (let i = 0; i < 150_000; i++) sink += Math.sqrt(i + k);
    times.push(performance.now() - t0);
  }
  if (sink < 0) throw new Error('unreachable');
  times.sort((a, b) => a - b);
  return { slowest: times[times.length - 1]!, median: median(times) };
}

/**
 * Where the longest chunk's time went, and how the chunks over a frame split: on a core, waiting
 * for one (the machine's other work, or this process's other threads), or neither (blocked on
 * I/O or a lock), from the thread's schedstat (Linux; each figure good to a few ms).
 */
function chunkSplit(chunks: ImportProgress[]): string {
  const longest = chunks.reduce((a, b) => (b.lockMs > a.lockMs ? b : a));
  if (longest.onCpuMs === undefined || longest.waitingMs === undefined) return 'no per-thread CPU figures on this platform';
  const blocked = (c: ImportProgress) => Math.max(0, c.lockMs - c.onCpuMs! - c.waitingMs!);
  const split = (c: ImportProgress) => `${c.onCpuMs!.toFixed(1)} ms on a core, ${c.waitingMs!.toFixed(1)} waiting for one, ${blocked(c).toFixed(1)} blocked`;
  const over = chunks.filter((c) => c.lockMs > 16);
  const mostly = (f: (c: ImportProgress) => number) => over.filter((c) => f(c) > c.lockMs / 2).length;
  return `the longest ${split(longest)}; of ${over.length} over 16 ms, ${mostly((c) => c.onCpuMs!)} mostly on a core, ${mostly((c) => c.waitingMs!)} mostly waiting for one, ${mostly(blocked)} mostly blocked`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const suite: BenchSuite = async () => {
  const root = mkdtempSync(join(tmpdir(), 'moe-store-bench-'));
  const results: BenchResult[] = [];
  // each figure with the load it was taken under: the machine is shared
  const push = (r: BenchResult) => results.push({ ...r, load: loadavg()[0] });
  try {
    let n = 0;
    const openFresh = timeMedian(() => {
      openStore({ dataDir: join(root, `fresh-${n++}`) }).close();
    }, 7, 1);
    push({ name: 'open + migrate + seed a fresh database', ms: openFresh });

    const small = openStore({ dataDir: join(root, 'small') });
    const smallProject = small.projects.create({ name: 'Small' });
    fill(small, smallProject.id, 10);
    const saveSmall = saveMs(small, smallProject.id);
    small.close();

    const dataDir = join(root, 'big');
    const store = openStore({ dataDir });
    const project = store.projects.create({ name: 'Bench' });
    fill(store, project.id, SCENARIOS);

    const saveBig = saveMs(store, project.id);
    push({
      name: `save one scenario into a project of ${SCENARIOS.toLocaleString('en')}`,
      ms: saveBig,
      targetMs: 1,
      baseline: { name: 'a project of 10', ms: saveSmall },
    });

    let matched = '';
    const count = (p: { total: number; totalExact: boolean }) => (p.totalExact ? String(p.total) : `more than ${p.total - 1}`);
    const searchSmall = timeMedian(() => {
      matched = count(store.scenarios.list({ projectId: project.id, search: 'run 4242', sort: 'name', limit: 100 }));
    }, 21, 3);
    push({ name: `search ${SCENARIOS.toLocaleString('en')} names/tags ("run 4242"), sort by name, page 100`, ms: searchSmall, targetMs: 10, note: `${matched} match` });
    const searchTag = timeMedian(() => {
      matched = count(store.scenarios.list({ projectId: project.id, search: 'batch-7', sort: 'updated', limit: 100 }));
    }, 21, 3);
    push({ name: `search ${SCENARIOS.toLocaleString('en')} names/tags ("batch-7"), sort by updated, page 100`, ms: searchTag, targetMs: 10, note: `${matched} match` });
    const searchWide = timeMedian(() => {
      matched = count(store.scenarios.list({ projectId: project.id, search: 'spars', sort: 'name', limit: 100 }));
    }, 21, 3);
    push({ name: `search ${SCENARIOS.toLocaleString('en')} names/tags ("spars", a quarter match), page 100`, ms: searchWide, targetMs: 10, note: `${matched} match` });
    const plainMs = timeMedian(() => {
      store.scenarios.list({ projectId: project.id, sort: 'name', limit: 100, offset: 50_000 });
    }, 21, 3);
    push({ name: `list ${SCENARIOS.toLocaleString('en')} unfiltered, page at offset 50,000`, ms: plainMs, targetMs: 50 });

    const oneK = store.projects.create({ name: 'Thousand' });
    fill(store, oneK.id, 1_000);
    const text1k = JSON.stringify(store.exportProject(oneK.id));
    const tenK = store.projects.create({ name: 'Ten thousand' });
    fill(store, tenK.id, 10_000);
    const text10k = JSON.stringify(store.exportProject(tenK.id));
    // imports as the long-lived processes run them: the store reopened (sealed, no page check)
    // with its checkpoints in a worker thread, as the browser mode and Electron's service process open it
    store.close();
    const importer = openStore({ dataDir, backgroundCheckpoints: true });
    // the process's first import starts the import worker (then kept for the next ones)
    const firstStart = performance.now();
    await importer.importFrom(await prepareInWorker({ text: text1k }));
    const first1k = performance.now() - firstStart;
    const import1k = await importMs(importer, text1k);
    push({
      name: "a process's first import, 1,000 scenarios (starts the import worker)",
      ms: first1k,
      baseline: { name: 'the next imports of the same file', ms: import1k },
    });
    const defaultLocks: number[] = [];
    // the store thread's own garbage collections while it imports (each a pause for every request it serves)
    const pauses: number[] = [];
    const gc = new PerformanceObserver((list) => void pauses.push(...list.getEntries().map((e) => e.duration)));
    gc.observe({ entryTypes: ['gc'] });
    const import10k = await importMs(importer, text10k, defaultLocks);
    gc.disconnect();
    const imports10k = 4; // importMs's warm-up and three timed runs
    push({
      name: 'import a 10,000-scenario project file (checked in a worker, written in chunks)',
      ms: import10k,
      targetMs: 2000,
      baseline: { name: '1,000 scenarios into the same database', ms: import1k },
      note: `${(text10k.length / 1e6).toFixed(1)} MB of JSON; longest chunk ${Math.max(...defaultLocks).toFixed(1)} ms, median ${median(defaultLocks).toFixed(1)} ms`,
    });
    push({
      name: 'garbage collection on the store thread per 10,000-scenario import',
      ms: pauses.reduce((a, b) => a + b, 0) / imports10k,
      note: `${(pauses.length / imports10k).toFixed(1)} pauses per import, the longest ${Math.max(0, ...pauses).toFixed(1)} ms; rows are made in the import's worker, so this thread allocates little per chunk`,
    });
    importer.close();

    // The same import over the browser mode, with saves sent meanwhile by another client.
    const fileOf10k = join(root, 'ten-thousand.moe-project.json');
    writeFileSync(fileOf10k, text10k);
    const chunks: ImportProgress[] = [];
    const access = lazyStore(dataDir, { backgroundCheckpoints: true });
    const importOptions: ImportOptions = { onChunk: (p) => void chunks.push(p) };
    const server = await startWebServer({
      handlers,
      rawBodyHandlers,
      ctx: { dataDir, appVersion: 'bench', store: access.store, releaseStore: access.close, importOptions },
      rendererDir: root,
    });
    try {
      const noise = schedulingNoise(2000);
      push({
        name: "the machine's own lateness: slowest of 2,000 half-ms computations",
        ms: noise.slowest,
        baseline: { name: 'their median', ms: noise.median },
        note: 'no I/O, no allocation, on the request thread: a floor under the slowest-save and longest-chunk figures',
      });
      const rounds = await importRounds(server, project.id, fileOf10k, ROUNDS, chunks);
      const during = rounds.flatMap((r) => r.during);
      const without = rounds.flatMap((r) => r.without);
      const importChunks = rounds.flatMap((r) => r.chunks);
      const base = {
        during,
        without,
        chunks: importChunks,
        importMs: median(rounds.map((r) => r.importMs)),
        imports: rounds.map((r) => r.importMs.toFixed(0)).join(', '),
        p99: percentile(during, 0.99),
        onCpu: importChunks[0]?.onCpuMs === undefined ? NaN : Math.max(...importChunks.map((c) => c.onCpuMs!)),
      };
      const counts = `${base.during.length} saves during ${ROUNDS} imports (and ${SETTLE_MS} ms after each), ${base.without.length} without, interleaved round by round`;
      /*
       * What an import does to a save, told apart from what the machine does to one. The figures
       * with targets are the import's: the 99th percentile of saves during imports (a stall that
       * hits one save in a few hundred leaves it alone; an import that blocks saves as a rule does
       * not), and, of a chunk, its time on a core (schedstat): the longest the import itself holds
       * the store thread, and so the longest it can make a save wait; the chunk's wall time adds what
       * other threads took of the cores meanwhile, and is shown beside it. The slowest save during
       * imports against the slowest of as many saves without is shown with no target: each is one
       * sample of a tail saves have with no import at all. At 100,000 scenarios on an idle machine
       * (14:10 UTC, load 3) a save with no import running took 50.5 ms once in 550 and 17.3 ms at
       * most in the next 550, in-process saves with no import 28–43 ms once in 300, so the
       * difference of the two maxima swung from −31 to +54 ms with the import unchanged.
       */
      push({
        name: 'import of 10,000 scenarios over the browser mode, saves meanwhile',
        ms: base.importMs,
        targetMs: 2000,
        baseline: { name: 'the same file imported in-process', ms: import10k },
        note: `median of ${ROUNDS} (${base.imports} ms); request to answer: body, worker check, chunks, publish`,
      });
      push({
        name: '99th percentile of saves during those imports (request to answer)',
        ms: base.p99,
        targetMs: 2 * FRAME_MS,
        baseline: { name: 'without an import', ms: percentile(base.without, 0.99) },
        note: `during: ${spread(base.during)}; without: ${spread(base.without)}; ${counts}`,
      });
      push({
        name: 'slowest save during those imports, beyond the slowest without',
        ms: Math.max(...base.during) - Math.max(...base.without),
        note: `${Math.max(...base.during).toFixed(1)} ms during, ${Math.max(...base.without).toFixed(1)} ms without, as many saves each`,
      });
      push({
        name: 'median save during those imports (request to answer)',
        ms: percentile(base.during, 0.5),
        targetMs: 16,
        baseline: { name: 'the median save with no import', ms: percentile(base.without, 0.5) },
      });
      const longest = base.chunks.reduce((a, b) => (b.lockMs > a.lockMs ? b : a));
      push({
        name: 'longest time on a core of one chunk (write lock held), 10,000-scenario import',
        ms: base.onCpu,
        targetMs: 16,
        baseline: { name: 'the median chunk', ms: median(base.chunks.map((c) => c.onCpuMs ?? NaN)) },
        note: `${base.chunks.length} chunks over ${ROUNDS} imports, ${LOCK_TARGET_MS} ms lock target; the longest by wall time held the lock ${longest.lockMs.toFixed(1)} ms: ${chunkSplit(base.chunks)}`,
      });
    } finally {
      await server.close();
      access.close();
    }

    // Open-time budget. After a clean close the file is sealed (size, time, header) and an open
    // that finds it untouched reads no pages: < 200 ms at any size. After an unclean close the full
    // integrity_check reads every page and index: budgeted at 50 MB/s of database file.
    const openClean = timeMedian(() => {
      const s = openStore({ dataDir });
      if (s.check !== 'sealed') throw new Error(`expected a sealed open, got ${s.check}`);
      s.close();
    }, 5, 1);
    push({ name: `open after a clean close, ${SCENARIOS.toLocaleString('en')}+ scenarios (sealed: no page check)`, ms: openClean, targetMs: 200 });
    const megabytes = statSync(databasePath(dataDir)).size / 1e6;
    const openUnclean = timeMedian(() => {
      // a marker of a process that no longer exists: what a crash leaves behind
      writeFileSync(`${databasePath(dataDir)}.in-use-2147483646-bench`, '');
      const s = openStore({ dataDir });
      if (!s.fullCheck) throw new Error('expected the full integrity check');
      s.close();
    }, 3, 0);
    push({
      name: `open after an unclean close, ${SCENARIOS.toLocaleString('en')}+ scenarios (integrity_check)`,
      ms: openUnclean,
      targetMs: (megabytes / 50) * 1000,
      baseline: { name: 'a clean open', ms: openClean },
      note: `${megabytes.toFixed(0)} MB file, ${(megabytes / (openUnclean / 1000)).toFixed(0)} MB/s; budget 50 MB/s`,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return results;
};

export default suite;
