/**
 * Child process for import-chunked.test.ts: imports a project file in chunks and, after a given
 * number of chunks, reports "stopped" and waits, never finishing; the parent then SIGKILLs it.
 * Usage: import-killed <dataDir> <project file> <rows per chunk> <chunks before stopping>
 */
import { readFileSync } from 'node:fs';
import { openStore } from '../../../src-main/store';

const [dataDir, file, rows, stopAfter] = process.argv.slice(2);
if (!dataDir || !file || !rows || !stopAfter) throw new Error('usage: import-killed <dataDir> <file> <rows> <chunks>');
const store = openStore({ dataDir });
let chunks = 0;
void store.importProject(JSON.parse(readFileSync(file, 'utf8')), {
  chunkRows: Number(rows),
  onChunk: ({ written }) => {
    process.stdout.write(`written ${written}\n`);
    if (++chunks < Number(stopAfter)) return;
    process.stdout.write('stopped\n');
    return new Promise<void>(() => {}); // a crash from here on: the import never publishes
  },
});
