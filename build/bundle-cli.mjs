/**
 * Bundles the command line (`moe-workbench`) and the browser-mode server (`npm run web`) into
 * plain JavaScript in out/cli/, so neither needs a TypeScript loader at run time (tsx is a
 * devDependency only). Runs on `npm install` (the `prepare` script); `npm run build`, the bin's
 * integration test and the end-to-end global setup run it with `--if-stale`, which keeps a bundle
 * made from the same inputs (the stamp, below).
 *
 * What keeps a start fast:
 * - zod, ECharts and our own sources are bundled (one file to parse instead of hundreds to resolve);
 * - the other runtime dependencies (better-sqlite3's native addon, pdfkit and its fonts,
 *   svg-to-pdfkit) stay external; they and ECharts are reached only through the dynamic
 *   `import()`s of the services that need them, which the code splitting turns into separate chunks;
 * - the fit worker is its own entry, `fit-worker.js`, next to the chunks, where run-fit.ts looks.
 * Seeds are imported JSON (bundled); the report fonts are found from out/cli/ by walking up to
 * resources/ (src-main/reports/resources.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';
import { REPORT_STUB_ALIASES } from './report-stubs/aliases.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runtime dependencies bundled rather than left to node_modules: zod, and ECharts, whose ESM
 * build is some 400 files that Node resolves and links one by one on the first report (about a
 * second of a cold report; bundled into the report chunk it is one file). pdfkit too, so that the
 * modules it and fontkit load for features the reports never use (WOFF2, encryption) can be left
 * out (build/report-stubs); the only data files it would look for beside itself are the 14
 * standard fonts and the PDF/A colour profile, which the reports do not use (they embed DejaVu).
 */
const BUNDLED = new Set(['zod', 'echarts', 'pdfkit', 'svg-to-pdfkit']);

/** pdfkit's and fontkit's load-time imports of WOFF2 and encryption code → stand-ins that refuse. */
const reportStubs = {
  name: 'report-stubs',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(REPORT_STUB_ALIASES).map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: REPORT_STUB_ALIASES[args.path] }));
  },
};

/** Runtime dependencies left to node_modules, and their subpaths (pdfkit/js/…). */
function externals() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const deps = Object.keys(pkg.dependencies ?? {}).filter((d) => !BUNDLED.has(d));
  return [...deps, ...deps.map((d) => `${d}/*`), 'electron'];
}

/**
 * zod re-exports every message locale (about 250 kB of the bundle); the app speaks English and
 * never selects another, so the locale index resolves to English only.
 */
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales-en', namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

export const CLI_OUT_DIR = join(root, 'out', 'cli');

export const CLI_ENTRY_POINTS = {
  'moe-workbench': 'src-main/cli/main.ts',
  web: 'src-main/web/main.ts',
  'fit-worker': 'src-main/services/fit/worker.ts',
  'next-run-worker': 'src-main/services/next-run/worker.ts',
  'band-worker': 'src-main/services/band/worker.ts',
  'import-worker': 'src-main/ipc/import-worker.ts',
  'dispatch-worker': 'src-main/web/dispatch-worker.ts',
};

/**
 * Builds out/cli/{moe-workbench,web,fit-worker,next-run-worker,band-worker,import-worker,dispatch-worker}.js, their
 * shared chunks and report-renderer.cjs; returns the output folder. A bench passes its own `entryPoints` to run code
 * bundled exactly as the CLI is. With `ifStale`, a folder whose stamp (below) still holds is kept as it is;
 * `built` says which happened.
 */
export async function bundleCli({ outdir = CLI_OUT_DIR, logLevel = 'warning', entryPoints = CLI_ENTRY_POINTS, ifStale = false } = {}) {
  const config = configKey(entryPoints);
  if (ifStale && stampHolds(outdir, config)) return { outdir, built: false };
  rmSync(outdir, { recursive: true, force: true });
  const main = await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: externals(),
    // MOE_CLI_READABLE=1 keeps names and lines, for reading a CPU profile of the bin.
    minify: !process.env.MOE_CLI_READABLE,
    sourcemap: 'linked',
    chunkNames: 'chunk-[hash]',
    logLevel,
    plugins: [englishOnlyZodLocales, reportStubs],
    // The bundle is ESM; give bundled CommonJS (pdfkit's dependencies) a `require`.
    banner: { js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);" },
    metafile: true,
  });
  const renderer = await bundleReportRenderer(outdir, logLevel);
  writeStamp(outdir, config, [main.metafile, renderer.metafile]);
  return { outdir, built: true };
}

/**
 * The bundle is made once per CI run, not four times (`npm ci`'s prepare, `npm run build`, the bin's integration
 * test and the end-to-end global setup each asked for it, ~4 s each on an idle 2-core machine): each build leaves
 * `.bundle-stamp.json` in its folder, the SHA-256 of every file esbuild read (its metafile's inputs: our sources
 * and the dependencies bundled), of every file it wrote, and of what else decides the output (this script, the
 * report stubs, package.json's dependencies, esbuild's version, the entry points, MOE_CLI_READABLE). Equal
 * inputs make equal bundles, and a source that starts importing a new file is itself a changed input; so while
 * every hash holds, the folder is what a build would write, and a caller that only needs current bundles
 * (`--if-stale`) keeps it.
 */
const STAMP = '.bundle-stamp.json';

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function configKey(entryPoints) {
  const here = dirname(fileURLToPath(import.meta.url));
  const scripts = [fileURLToPath(import.meta.url), ...readdirSync(join(here, 'report-stubs')).map((f) => join(here, 'report-stubs', f))].sort();
  return JSON.stringify({
    esbuild: esbuildVersion,
    entryPoints,
    readable: !!process.env.MOE_CLI_READABLE,
    scripts: scripts.map((f) => [relative(root, f), sha256(f)]),
    externals: externals(),
  });
}

function hashes(files) {
  return Object.fromEntries([...files].sort().map((f) => [f, sha256(resolve(root, f))]));
}

function writeStamp(outdir, config, metafiles) {
  // Inputs from a plugin's own namespace ('zod-locales:…') are made by this script, which the config hashes.
  const inputs = new Set(metafiles.flatMap((m) => Object.keys(m.inputs)).filter((f) => !/^[\w-]+:/.test(f)));
  const outputs = new Set(metafiles.flatMap((m) => Object.keys(m.outputs)));
  writeFileSync(join(outdir, STAMP), JSON.stringify({ config, inputs: hashes(inputs), outputs: hashes(outputs) }));
}

function stampHolds(outdir, config) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(outdir, STAMP), 'utf8'));
  } catch {
    return false;
  }
  if (stamp.config !== config) return false;
  for (const part of [stamp.inputs, stamp.outputs]) {
    for (const [file, hash] of Object.entries(part)) {
      if (!existsSync(resolve(root, file)) || sha256(resolve(root, file)) !== hash) return false;
    }
  }
  return true;
}

/**
 * The PDF renderer (src-main/reports/pdf.ts and all it imports) once more, as one CommonJS file,
 * `report-renderer.cjs` next to the chunks: src-main/reports/renderer.ts compiles it through
 * node:vm, the only way Node 20 keeps V8's compiled code between processes (a code cache in the
 * data folder). It repeats code the ES chunks hold too (the format and schema modules, zod); it
 * shares no state with them that matters (the parsed fonts live in it alone). The ES report chunk
 * stays: the sources, tests and Electron import it.
 */
export async function bundleReportRenderer(outdir, logLevel = 'warning') {
  return build({
    absWorkingDir: root,
    entryPoints: { 'report-renderer': 'src-main/reports/pdf.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: externals(),
    minify: !process.env.MOE_CLI_READABLE,
    logLevel,
    plugins: [englishOnlyZodLocales, reportStubs],
    // pdfkit and resources.ts find their files from import.meta.url, which CommonJS lacks.
    define: { 'import.meta.url': '__rendererUrl' },
    banner: { js: "var __rendererUrl = require('node:url').pathToFileURL(__filename).href;" },
    metafile: true,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const t0 = performance.now();
  const { outdir, built } = await bundleCli({ ifStale: process.argv.includes('--if-stale') });
  const ms = Math.round(performance.now() - t0);
  console.log(built ? `CLI and browser-mode server bundled into ${outdir} in ${ms} ms` : `CLI and browser-mode server already bundled from these sources in ${outdir} (checked in ${ms} ms)`);
}
