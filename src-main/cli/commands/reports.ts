/**
 * `moe-workbench report --scenario ID[,ID…] [--pdf out.pdf] [--csv out.csv] [--paper a4|letter]`:
 * the PDF design report (one scenario) or comparison report (2–6), and the CSV of the scenario's
 * candidates or of the comparison table, written where asked.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type FlagValues } from '../args';
import { command } from '../command';
import type { ResponseOf } from '../../ipc/contract';
import { parseWordList, whole } from '../../format';
import { cliBytes } from '../text';

interface Written {
  kind: 'pdf' | 'csv';
  path: string;
  sizeBytes: number;
  what: string;
}

/** Files written for one response, read back by format / json. */
const written = new WeakMap<object, Written[]>();

function scenarioIds(values: FlagValues): string[] {
  const raw = String(values.scenario ?? '');
  const ids = parseWordList(raw);
  if (ids.length === 0) throw new UsageError('--scenario needs at least one scenario id');
  return ids;
}

function writeOut(path: string, data: Buffer | string): string {
  const full = resolve(path);
  try {
    writeFileSync(full, data);
  } catch (err) {
    throw new Error(`could not write ${full}: ${(err as Error).message}`);
  }
  return full;
}

const size = (n: number) => `${whole(n)} bytes`;

export const reportsCommands = [
  command({
    words: ['report'],
    summary: 'PDF design report of a scenario (or comparison of up to 6) and its CSV: report --scenario ID[,ID…] --pdf out.pdf --csv out.csv',
    channel: 'reports.pdf',
    example: 'report --scenario SCENARIO_ID --pdf design.pdf --csv design.csv',
    flags: {
      scenario: { kind: 'string', unit: 'id[,id…]', description: 'Scenario id, or 2–6 ids separated by commas for a comparison', required: true },
      pdf: { kind: 'string', unit: 'file', description: 'Write the PDF report to this file' },
      csv: { kind: 'string', unit: 'file', description: 'Write the CSV (the scenario’s candidates per E, or the comparison table) to this file' },
      paper: { kind: 'string', description: 'Page size: a4 (default) or letter', choices: ['a4', 'letter'] },
    },
    toRequest: (values) => {
      if (values.pdf === undefined && values.csv === undefined) throw new UsageError('give --pdf FILE, --csv FILE or both');
      return { scenarioIds: scenarioIds(values), ...(values.paper ? { paper: values.paper } : {}), ...(values.bytes ? { byteConvention: cliBytes(values) } : {}) };
    },
    after: async (value: ResponseOf<'reports.pdf'>, values, call) => {
      const out: Written[] = [];
      const ids = scenarioIds(values);
      if (typeof values.pdf === 'string') {
        const data = Buffer.from(value.base64, 'base64');
        const path = writeOut(values.pdf, data);
        out.push({ kind: 'pdf', path, sizeBytes: data.length, what: ids.length === 1 ? 'PDF design report' : `PDF comparison of ${ids.length} scenarios` });
      }
      if (typeof values.csv === 'string') {
        const request = ids.length === 1 ? { kind: 'scenario', id: ids[0] } : { kind: 'comparison', ids };
        const env = await call('reports.csv', request);
        if (!env.ok) throw new Error(env.error.message);
        const csv = env.value as ResponseOf<'reports.csv'>;
        const path = writeOut(values.csv, csv.content);
        out.push({ kind: 'csv', path, sizeBytes: Buffer.byteLength(csv.content, 'utf8'), what: ids.length === 1 ? 'CSV of the candidates per expert count' : 'CSV of the comparison table' });
      }
      written.set(value, out);
    },
    format: (value, values) => {
      const lines = (written.get(value) ?? []).map((w) => `Wrote ${w.path} (${size(w.sizeBytes)}) — ${w.what}`);
      if (typeof values.pdf === 'string') lines.push(`Paper: ${values.paper === 'letter' ? 'US Letter' : 'A4'}`);
      // The PDF's page 1 ranking, in its words, so the terminal says who wins without opening the file.
      const winners = value.winners;
      if (winners.length) lines.push('', 'Which scenario wins on what:', ...winners.map((l) => `  ${l}`));
      return lines.join('\n');
    },
    json: (value) => ({ fileName: value.fileName, files: written.get(value) ?? [], winners: value.winners }),
  }),
];
