/**
 * `npm run typecheck`: the three TypeScript projects (main and tests, end-to-end tests, Vue files)
 * checked at the same time. Each checker is single-threaded, so one after the other left a core
 * idle for the whole step on a 2-core CI machine. Each project's output is printed when it ends,
 * under its name, and the step fails if any project does.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const vueTsc = require.resolve('vue-tsc/bin/vue-tsc.js');

const PROJECTS = [
  ['tsc -p tsconfig.node.json', tsc, 'tsconfig.node.json'],
  ['vue-tsc -p tsconfig.web.json', vueTsc, 'tsconfig.web.json'],
  ['tsc -p tsconfig.e2e.json', tsc, 'tsconfig.e2e.json'],
];

function check([name, bin, project]) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, '-p', project], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => resolve({ name, code: 1, out: String(e) }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? 1, out: signal ? `${out}killed by ${signal}\n` : out }));
  });
}

const results = await Promise.all(PROJECTS.map(check));
for (const r of results) {
  console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name}`);
  if (r.out.trim()) console.log(r.out.trimEnd());
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
