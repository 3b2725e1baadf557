/**
 * The cold report (issue 12): the first PDF report of a process against the next one, the same
 * comparison of the four planning tasks, through the paths a user's report takes:
 * - the command line: a fresh process (bench/cold-report.child.ts, bundled as the CLI is) makes
 *   the report twice; nothing is warmed, since the process lives for one command, but the
 *   renderer's code cache an earlier process wrote is read (and, where none was, written);
 * - the browser mode's report worker (bench/cold-report.pool-child.ts: the server's pool of
 *   worker threads, bundled as the server is), asked for a report right after start, and asked
 *   after its first worker has been idle and rendered a throwaway report
 *   (services/report-warm-up.ts; Electron's service process runs the same warm-up, but Electron
 *   cannot run here, so it is not measured), and asked the moment that worker begins its warm-up
 *   (the report then runs in the warming worker beside it; the comparison's CSV, asked with it,
 *   goes to another worker: web/dispatch-pool.ts).
 * Each is repeated in new processes and the medians are shown. Target: the first report within
 * 1.5× of the second. The scenarios are real plans from the services, saved in a real store in a
 * temp folder.
 *
 * Where the first report's extra time went (CPU profile of the CLI child, node --cpu-prof, before
 * this cuts; about 2.2 s against 0.75 s for the second on a machine with load 6 on 2
 * cores): loading pdfkit, fontkit and the report chunk ~450 ms wall (of which brotli's WOFF2
 * dictionary ~170 ms CPU and pdfkit's AES ~80 ms, both never used: now stand-ins, see
 * build/report-stubs), fontkit's first layouts ~380 ms more than the second report's (restructure
 * decoding GSUB/GPOS lookups ~250 ms; the lookups of features the reports do not need are no
 * longer run, see reports/fonts.ts), and the first run (interpreted, then compiled) of pdfkit's
 * text wrapping, ECharts' layout and svg-to-pdfkit, with the garbage collection it brings
 * (~500 ms): no cut removes that, hence the warm-up at idle.
 * Later cuts (same machine at load 11–20, so CPU time): unicode-trie's inflation of fontkit's,
 * the Unicode properties' and the line breaker's tables in node:zlib, and svg-to-pdfkit bundled
 * rather than scanned by Node's CommonJS export lexer (loading the report module: median 356 →
 * 194 ms CPU); PDFKit's read of the fonts' `post` tables for two header fields no longer decodes
 * DejaVu's 6,000 glyph names (~450 ms wall of a first report at load 17, two fonts; see
 * reports/fonts.ts). What remains is the first run of the code, which V8 compiles and optimises
 * as it goes: with `--no-opt --no-sparkplug` the first report used 1.6 s of CPU against 2.1 s,
 * so about a fifth of it is the optimising compilers' own work on other threads.
 * Compiling that code is part of it: a first report spends roughly 15–25 % of its wall time in V8's
 * parser and bytecode compiler (--log-function-events: about 2,500 lazily compiled functions of
 * the renderer alone). The renderer's compiled code is therefore kept between processes
 * (reports/renderer.ts, a V8 code cache in the data folder), so every path is measured twice:
 * with the cache an earlier process left, and without one, as the first process after an
 * install or upgrade. Interleaved A/B of the CLI child at load 25 (7 processes each): median
 * first/second ×2.49 wall (CPU 2,531 ms) without the cache, ×2.02 (CPU 2,375 ms) with it. The rest
 * is the code's first, interpreted run, which no cache keeps.
 * Nor does a Node startup snapshot (tried, not kept): the renderer bundled with its entry into one
 * CommonJS file, `node --snapshot-blob … --build-snapshot` after one throwaway render (13.9 MB
 * blob: parsed fonts, ECharts' state and the compiled bytecode in the heap), then the same report
 * twice in processes started from it, taken in turn with processes started plainly (4 each, load
 * 9–11, no code cache on either side): first report CPU median 2,106 ms against 2,468, second
 * 1,133 against 1,083, so still ×1.9 of the second (×2.3 plain); a snapshot taken before any render
 * gained nothing (2,626 ms). It keeps what the code cache and the once-per-process font parsing
 * already keep, not the type feedback and optimised code that make the second report fast, and it
 * would add a child process per report to the CLI.
 * Tried again in the form the CLI would ship (issue 12, second pass): the blob made when bundling,
 * after two throwaway renders of the warm-up plans, and `report --pdf` re-running its command line
 * in a process started from it (the CLI imported through node:vm's main-context loader), with the
 * code cache and the CLI's tiering on the other side; PDF text identical (pdftotext). Taken in turn,
 * 8 processes each at load 20–28: the first report's CPU median 840 ms against 1,037 (second 607
 * against 610), ×1.38 against ×1.70, but the second process's start costs 261 ms CPU (a bare start
 * from the 14 MB blob 131 ms against 85 without), so counted in it is no better; the whole
 * `report --pdf` command, 6 runs each in turn at load 17–21: CPU median 1.17 s against 1.20 s, and
 * at load 11–13 1.09 s against 1.14 s, wall 2.84 s against 2.87 s. Not kept: a 14 MB blob and 5 s
 * of CPU per bundle for about 4 %. Nor does `--no-lazy-feedback-allocation` (feedback gathered from
 * a function's first call): first report CPU 1,057 ms against 985, 5 runs each in turn at load 16.
 * What remains of the first report's extra cost is its code's first run: about 2,500 functions
 * interpreted while V8 gathers the type feedback from which it optimises them, plus that
 * optimising. Neither a code cache (bytecode only) nor a startup snapshot (heap, bytecode; feedback
 * and optimised code are dropped) carries that into a new process in Node 20, so only a process
 * that has already rendered (the app's warm-up at idle) has a first report like the second.
 * What did cut the first report: V8's optimising compiler takes on hundreds of lukewarm functions
 * during it, work a one-command process never gets back; the CLI waits 12 interrupt-budget ticks
 * instead of 3 before optimising (cli/optimiser.ts). Taken in turn at load 11–16 (6 runs each, the
 * flag on the command line), the first report's CPU median went from 2,230 to 1,707 ms and the
 * per-process first/second wall ratio from ×2.86 to ×1.9, the second report unchanged (840 → 860
 * ms CPU); turning the optimiser off altogether gave 2,060 ms and ×1.96. The bench runs the CLI
 * child both ways in turn, so each run shows that difference at its own load.
 * Third pass (2026-12-02, load 6–20 on the 2 cores throughout, so CPU time rather than wall). A CPU
 * profile of the first and the second report of one process (readable bundle, 0.2 ms sampling:
 * 1,600 against 740 ms) puts the first report's extra at: loading the renderer 223 ms (V8 reading
 * the code cache 72, the reads 51, hashing 21, running the module's top level ~80, mostly zod
 * building schemas and ECharts registering), then pdfkit +181, fontkit +138 and its table decoder
 * (restructure) +50, zod +69 (writing and compiling its object parsers), garbage collection +52,
 * zrender/ECharts +72, line breaking +40; none of it one thing, and the renderer's code cache
 * holds all but one of the functions the report runs (--log-function-events). Kept: the renderer
 * bundle made ASCII (three regular expressions held ·, × and superscripts, which made all 1.4 MB
 * two-byte text; line-breaks.ts): 8 fresh processes each taken in turn, first report CPU median
 * 1,398 → 1,366 ms and 1,557 → 1,496 ms in a second run (load 12–13), second report 699 → 670 and
 * 801 → 771. Taken back (it landed as 66297c2): the renderer read as a Buffer, hashed as bytes and
 * decoded (as Latin-1, or as UTF-8): reading and keying it alone fell from ~50 to ~24 ms CPU, but
 * Node makes text that long an external string, and with one as the script's source the first
 * report took 1,534–1,773 ms CPU against 1,483–1,557 and the second 758–870 against 675–801 (five
 * runs of 8–10 processes each in turn, load 11–18). Not kept: zod's jitless parsing of saved snapshots (schema/versions.ts), 16 processes each taken
 * in turn at load 6–12: first report CPU median 1,440 → 1,433 ms, second 696 → 712 (the first
 * parse of the four scenarios 51–65 → 22–49 ms, the next 8–15 → 21–34 ms); V8's --always-sparkplug
 * and --maglev, 4 each at load 12: within the noise (first report CPU medians 1,745, 1,613, 1,726).
 * Measured, not shipped: --min-semi-space-size=16 (V8 sizes the young generation when the process
 * starts; set later through setFlagsFromString it changes nothing), 6 each in turn at load 16:
 * first report CPU 1,846 → 1,556 ms, second 1,050 → 806, both faster and the ratio unchanged
 * (×1.98 → ×1.94); the CLI would need it on node's command line (an `env -S` shebang, untried on
 * Windows and macOS).
 * Each row notes the load average while it ran: on this shared 2-core machine the ratios move
 * with it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { services } from './services';
import type { BenchResult, BenchSuite } from './harness';

const root = resolve(import.meta.dirname, '..');
const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The four planning tasks of issue 12's done-when, saved as scenarios; returns their ids. */
async function saveFourTasks(dir: string): Promise<string[]> {
  const { call, close } = services(dir);
  try {
    const project = (await call('projects.create', { name: 'Cold report' })) as { id: string };
    const tasks: Array<[string, string, string, unknown]> = [
      ['1e22 FLOPs', 'compute', 'plan.compute', { flops: 1e22 }],
      ['Serve on one 8×H100 node at 1e23', 'memory', 'plan.memory', { flops: 1e23, hardwareId: '8xh100', deviceCount: 8, usableFraction: 0.9 }],
      ['2e12 lifetime inference tokens', 'inference', 'plan.inference', { flops: 1e23, inferenceTokens: 2e12 }],
      // 512 H100s for 30 days at the profile's 40 % utilisation: 512 × 30 × 86,400 s × 989.4 TFLOP/s × 0.4.
      ['512 H100 × 30 days', 'compute', 'plan.compute', { flops: 512 * 30 * 86400 * 9.894e14 * 0.4, hardwareId: 'h100-sxm', deviceCount: 512, pricePerDeviceHour: 2.5 }],
    ];
    const ids: string[] = [];
    for (const [name, wizard, channel, req] of tasks) {
      const plan = await call(channel, req);
      ids.push(((await call('scenarios.create', { projectId: project.id, name, wizard, inputs: req, results: plan })) as { id: string }).id);
    }
    return ids;
  } finally {
    close();
  }
}

type Times = { ms: number; cpuMs: number };
/** The 1-minute load average, as `uptime` prints it. */
const load = () => loadavg()[0]!.toFixed(2);
type WarmUp = { kind: string; ms?: number; reason?: string; message?: string } | null;

type Round = { cold: Times; warm: Times; warmUp?: WarmUp; cache?: string; csvMs?: number | null };
type Summary = { cold: number; warm: number; cpuCold: number; cpuWarm: number; ratios: string; warmUps: WarmUp[]; csvMs: number[]; load: string };

/**
 * One fresh process of `script`: its first and second reports. The CLI child says what became of
 * the renderer's code cache; `cache`, when given, is what the row claims (a row "with the code
 * cache" whose process had none, or V8 refused it, would measure the other case).
 */
function runOnce(script: string, args: string[], cache?: 'used' | 'absent'): Round {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${script} exited ${r.status}: ${r.stderr}`);
  const round = JSON.parse(r.stdout) as Round;
  if (cache && round.cache !== cache) throw new Error(`${script}: the renderer's code cache was ${round.cache}, not ${cache}`);
  return round;
}

/** The medians of the first and second reports over `runs`. */
function summarise(runs: Round[], loadBefore: string): Summary {
  return {
    cold: median(runs.map((r) => r.cold.ms)),
    warm: median(runs.map((r) => r.warm.ms)),
    cpuCold: median(runs.map((r) => r.cold.cpuMs)),
    cpuWarm: median(runs.map((r) => r.warm.cpuMs)),
    ratios: runs.map((r) => (r.cold.ms / r.warm.ms).toFixed(2)).join(', '),
    warmUps: runs.map((r) => r.warmUp ?? null),
    csvMs: runs.flatMap((r) => (typeof r.csvMs === 'number' ? [r.csvMs] : [])),
    load: `${loadBefore} → ${load()}`,
  };
}

/** Runs `script` ROUNDS times in fresh processes, `before` each; the medians of its first and second reports. */
function rounds(script: string, args: string[], before: () => void = () => {}, cache?: 'used' | 'absent'): Summary {
  const runs: Round[] = [];
  const loadBefore = load();
  for (let i = 0; i < ROUNDS; i++) {
    before();
    runs.push(runOnce(script, args, cache));
  }
  return summarise(runs, loadBefore);
}

/** `rounds` of two argument lists taken in turn (A, B, A, B…), so both see the same load; both with the code cache. */
function pairedRounds(script: string, a: string[], b: string[]): [Summary, Summary] {
  const runsA: Round[] = [];
  const runsB: Round[] = [];
  const loadBefore = load();
  for (let i = 0; i < ROUNDS; i++) {
    runsA.push(runOnce(script, a, 'used'));
    runsB.push(runOnce(script, b, 'used'));
  }
  return [summarise(runsA, loadBefore), summarise(runsB, loadBefore)];
}

/** The second report's row and the first report's, with the target (1.5× the second). */
function rows(path: string, m: Summary, note = ''): BenchResult[] {
  return [
    { name: `${path}: second report`, ms: m.warm, note: `median of ${ROUNDS} fresh processes; CPU ${m.cpuWarm.toFixed(0)} ms; load average ${m.load}` },
    {
      name: `${path}: first report`,
      ms: m.cold,
      targetMs: 1.5 * m.warm,
      baseline: { name: 'the second report', ms: m.warm },
      // CPU time (user + system, all threads) is less swayed by other processes on a shared machine than wall time.
      note: `target ≤ 1.5× the second; per-process ratios ${m.ratios}; CPU ${m.cpuCold.toFixed(0)} ms, ×${(m.cpuCold / m.cpuWarm).toFixed(2)} of the second's${note}`,
    },
  ];
}

const suite: BenchSuite = async () => {
  const { bundleCli } = (await import(pathToFileURL(join(root, 'build/bundle-cli.mjs')).href)) as {
    bundleCli: (o: { outdir: string; entryPoints: Record<string, string> }) => Promise<{ outdir: string; built: boolean }>;
  };
  // Inside the repository, so the report fonts are found in resources/ as from out/cli/.
  const outdir = join(root, 'out', 'bench-cold-report');
  await bundleCli({
    outdir,
    entryPoints: {
      'cold-report': 'bench/cold-report.child.ts',
      'cold-report-pool': 'bench/cold-report.pool-child.ts',
      // Where the pool looks for its worker when bundled: next to the chunk that holds it.
      'dispatch-worker': 'src-main/web/dispatch-worker.ts',
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'moe-cold-report-bench-'));
  try {
    const ids = (await saveFourTasks(dir)).join(',');
    // The renderer's code cache (reports/renderer.ts) is written by the first process that reports and read by the next.
    const forget = () => rmSync(join(dir, 'code-cache'), { recursive: true, force: true });
    const hasCache = () => existsSync(join(dir, 'code-cache')) && readdirSync(join(dir, 'code-cache')).length > 0;
    const cliFresh = rounds(join(outdir, 'cold-report.js'), [dir, ids], forget, 'absent');
    if (!hasCache()) throw new Error('the CLI child reported without writing a code cache');
    // The CLI sets V8's tiering for a one-command process (cli/optimiser.ts); V8's default beside it, whose code
    // cache is its own (V8 refuses one made under other flags): one untimed process writes it.
    runOnce(join(outdir, 'cold-report.js'), [dir, ids, 'default-tiering'], 'absent');
    const [cli, cliDefault] = pairedRounds(join(outdir, 'cold-report.js'), [dir, ids], [dir, ids, 'default-tiering']);
    const startFresh = rounds(join(outdir, 'cold-report-pool.js'), [dir, ids, 'start'], forget);
    const start = rounds(join(outdir, 'cold-report-pool.js'), [dir, ids, 'start']);
    const idle = rounds(join(outdir, 'cold-report-pool.js'), [dir, ids, 'idle']);
    const during = rounds(join(outdir, 'cold-report-pool.js'), [dir, ids, 'during']);
    const warmUps = idle.warmUps.map((w) => (w?.kind === 'warmed' ? `${w.ms!.toFixed(0)} ms` : `${w?.kind}: ${w?.reason ?? w?.message}`)).join(', ');
    const noCache = '; no code cache yet: the first process after an install or upgrade';
    return [
      ...rows('CLI (one process per command, no warm-up)', cli, `; with the code cache an earlier process left; V8's default tiering: first report CPU ${cliDefault.cpuCold.toFixed(0)} ms`),
      ...rows("CLI with V8's default tiering", cliDefault, '; with the code cache; runs taken in turn with the row above'),
      ...rows('CLI, first process of an install', cliFresh, noCache),
      ...rows('browser-mode report worker, right after start', start, '; with the code cache an earlier process left'),
      ...rows('browser-mode worker right after start, first of an install', startFresh, noCache),
      ...rows('browser-mode report worker, after start and idle', idle, `; the throwaway report at idle took ${warmUps}`),
      // No target: the report waits for the warm-up's step under way, then ends the warm-up.
      {
        name: "browser-mode report asked as its worker's warm-up begins",
        ms: during.cold,
        baseline: { name: 'the second report', ms: during.warm },
        note: `median of ${ROUNDS} fresh processes; CPU ${during.cpuCold.toFixed(0)} ms; the warm-up ${during.warmUps.map((w) => w?.reason ?? w?.kind).join('; ')}; the comparison's CSV, asked with it, answered by another worker in ${during.csvMs.map((ms) => ms.toFixed(0)).join(', ')} ms; load average ${during.load}`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
