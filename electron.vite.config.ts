import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { REPORT_STUB_ALIASES } from './build/report-stubs/aliases.mjs';

export default defineConfig({
  main: {
    resolve: { alias: Object.entries(REPORT_STUB_ALIASES).map(([find, replacement]) => ({ find, replacement })) },
    build: {
      outDir: 'out/main',
      // ECharts is bundled (into the report chunk, loaded with the first report): its ESM build is
      // some 400 files that Node would resolve and link one by one on the first report. pdfkit too,
      // so that what it and fontkit load for WOFF2 and encryption, which the reports never use, is
      // left out (build/report-stubs). svg-to-pdfkit too: left to node_modules, Node would scan its
      // CommonJS source for exports on every first report. The other dependencies stay in
      // node_modules (better-sqlite3 is native).
      externalizeDeps: { exclude: ['echarts', 'pdfkit', 'svg-to-pdfkit'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/shell/main.ts'),
          // The fit service's worker thread: emitted as out/main/fit-worker.js next to index.js, where
          // runFit looks for it (src-main/services/fit/index.ts).
          'fit-worker': resolve(__dirname, 'src-main/services/fit/worker.ts'),
          // The next-run planner's worker thread, next to it (src-main/services/next-run/run-worker.ts).
          'next-run-worker': resolve(__dirname, 'src-main/services/next-run/worker.ts'),
          // Band jobs' worker thread (src-main/services/band/jobs.ts), next to it too.
          'band-worker': resolve(__dirname, 'src-main/services/band/worker.ts'),
          // A project import's parse and checks (src-main/services/import/prepare-in-worker.ts), next to it too.
          'import-worker': resolve(__dirname, 'src-main/ipc/import-worker.ts'),
          // The utility process that runs every handler (src-main/shell/service-host.ts forks it).
          'service-process': resolve(__dirname, 'src-main/shell/service-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    plugins: [vue()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      // The chart chunk is ECharts' core plus the parts we use (about 640 kB minified), loaded with the first chart.
      chunkSizeWarningLimit: 800,
      // The page must never fetch anything from outside the app: keep assets as files, not data: URLs.
      assetsInlineLimit: 0,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
