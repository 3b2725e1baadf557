/** `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints a table. */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { BenchResult, BenchSuite } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: BenchSuite };
  const results: BenchResult[] = await mod.default();
  console.log(`\n${file}`);
  for (const r of results) {
    // a computed budget (e.g. 50 MB/s of a file's size) is printed to the precision of the figure
    const target = r.targetMs === undefined ? '' : `  target < ${Number(r.targetMs.toFixed(3))} ms  ${r.ms < r.targetMs ? 'met' : 'MISSED'}`;
    if (r.targetMs !== undefined && r.ms >= r.targetMs) failed++;
    const ratio = r.baseline ? `  ×${(r.ms / r.baseline.ms).toFixed(2)} of ${r.baseline.name} (${r.baseline.ms.toFixed(3)} ms)` : '';
    const load = r.load === undefined ? '' : `  [load ${r.load.toFixed(1)}]`;
    console.log(`  ${r.name.padEnd(64)} ${r.ms.toFixed(3).padStart(10)} ms${target}${ratio}${r.note ? `  (${r.note})` : ''}${load}`);
  }
}
console.log(failed ? `\n${failed} target(s) missed` : '\nall targets met');
