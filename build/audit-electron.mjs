#!/usr/bin/env node
/**
 * `npm run audit:electron`: runs @doyensec/electronegativity over the shell sources and the
 * build output. A HIGH finding fails the audit unless the flagged line (or the one above it)
 * carries a written justification comment `electronegativity-justified: <why>`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, isAbsolute } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Global checks (navigation limits, permission handler, CSP) need main, preload and page together.
// The TypeScript parser plugin is needed for the sources and breaks parsing of the bundled JS.
const targets = [
  { path: 'src-main/shell', plugins: ['-p', 'typescript'] },
  { path: 'out', plugins: [] },
];
let unjustified = 0;

for (const { path: target, plugins } of targets) {
  const input = join(root, target);
  if (!existsSync(input)) {
    console.error(`audit: ${target} does not exist (run npm run build first)`);
    process.exit(1);
  }
  const csv = join(mkdtempSync(join(tmpdir(), 'egty-')), 'result.csv');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', input, '-o', csv, '-v', 'false', '-r', ...plugins], {
    encoding: 'utf8',
    cwd: root,
  });
  if (!existsSync(csv)) {
    console.error(r.stdout, r.stderr);
    console.error(`audit: electronegativity produced no report for ${target}`);
    process.exit(1);
  }
  const rows = parseCsv(readFileSync(csv, 'utf8'));
  const header = rows.shift() ?? [];
  const col = (name) => header.findIndex((h) => h.toLowerCase().includes(name));
  const [iCheck, iSev, iFile, iLine, iConf] = [col('issue'), col('severity'), col('filename'), col('location'), col('confidence')];
  console.log(`\n${target}: ${rows.length} finding(s)`);
  for (const row of rows) {
    const severity = row[iSev] ?? '';
    const file = row[iFile] ?? '';
    const line = Number(String(row[iLine] ?? '').split(':')[0]) || 0;
    const justified = severity.toUpperCase() === 'HIGH' ? justification(target, file, line) : null;
    const mark = severity.toUpperCase() !== 'HIGH' ? ' ' : justified ? 'J' : '!';
    console.log(`  ${mark} ${severity.padEnd(8)} ${String(row[iConf] ?? '').padEnd(10)} ${row[iCheck]}  ${file}:${line}${justified ? `  — justified: ${justified}` : ''}`);
    if (mark === '!') unjustified++;
  }
}

if (unjustified) {
  console.error(`\n${unjustified} HIGH finding(s) without a written justification next to the code.`);
  process.exit(1);
}
console.log('\nNo unjustified HIGH finding.');

function justification(target, file, line) {
  const path = isAbsolute(file) ? file : existsSync(join(root, file)) ? join(root, file) : join(root, target, file);
  if (!existsSync(path) || !line) return null;
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const l of lines.slice(Math.max(0, line - 3), line)) {
    const m = /electronegativity-justified:\s*(.+?)\s*(\*\/)?$/.exec(l);
    if (m) return m[1];
  }
  return null;
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
