/**
 * Named commands for the common store actions: create, export and import a project, compare
 * saved scenarios. (Saving a plan as a scenario is `plan compute … --save NAME`, in joint.ts.)
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResponseOf } from '../../ipc/contract';
import { parseWordList } from '../../format';
import { UsageError } from '../args';
import { command } from '../command';
import { readTextFile } from '../files';
import { cliBytes, joinBlocks, table } from '../text';
import * as units from '../../format';


/** Where `projects export` wrote, read back by its text output. */
const exported = new WeakMap<object, string>();


export const projectsCommands = [
  command({
    words: ['projects', 'create'],
    summary: 'Create a project to save scenarios in',
    channel: 'projects.create',
    flags: {
      name: { kind: 'string', unit: 'text', description: 'Project name', required: true },
      notes: { kind: 'string', unit: 'text', description: 'Notes' },
    },
    example: 'projects create --name "MoE 2027"',
    format: (p) => `Created project "${p.name}" [${p.id}]`,
  }),
  command({
    words: ['projects', 'export'],
    summary: 'Write a whole project (its scenarios, runs and the coefficient sets they use) to one versioned JSON file',
    channel: 'projects.export',
    flags: { out: { kind: 'string', unit: 'file', description: 'File to write (default: the suggested name in this folder)' } },
    positionals: [{ name: 'ID', field: 'id', description: 'the project id (see: projects list)' }],
    example: 'projects export PROJECT_ID --out moe-2027.moe-project.json',
    after: (value, values) => {
      const path = resolve(typeof values.out === 'string' ? values.out : value.fileName);
      try {
        writeFileSync(path, JSON.stringify(value.document, null, 2) + '\n');
      } catch (err) {
        throw new Error(`could not write ${path}: ${(err as Error).message}`);
      }
      exported.set(value, path);
    },
    format: (value) => `Wrote ${exported.get(value)}`,
    json: (value) => ({ fileName: value.fileName, path: exported.get(value) ?? null }),
  }),
  command({
    words: ['projects', 'import'],
    summary: 'Import a project file written by export (a name clash creates a copy)',
    channel: 'projects.import',
    flags: {},
    positionals: [{ name: 'FILE', description: 'the .moe-project.json file', textOf: 'text' }],
    example: 'projects import moe-2027.moe-project.json',
    // The adapter reads the file; the service parses and checks its text in a worker thread.
    toRequest: (_values, [file]) => ({ text: readTextFile(file!, 'FILE') }),
    format: (v) =>
      `Imported project "${v.project.name}" [${v.project.id}] with ${v.scenarioIds.length} scenario(s)${v.renamedFrom ? ` (renamed from "${v.renamedFrom}", which exists)` : ''}`,
  }),
  command({
    words: ['compare', 'scenarios'],
    summary: 'Compare 2 to 6 saved scenarios: one row per quantity with its unit, and whether they differ',
    channel: 'scenarios.compare',
    flags: {
      scenario: { kind: 'string', unit: 'id,id[,…]', description: '2 to 6 scenario ids separated by commas', required: true, field: 'ids' },
      'differs-only': { kind: 'boolean', description: 'Only the rows where the scenarios differ' },
    },
    example: 'compare scenarios --scenario SCENARIO_ID1,SCENARIO_ID2',
    toRequest: (v) => ({ ids: parseWordList(String(v.scenario)), ...(v.bytes ? { byteConvention: cliBytes(v) } : {}) }),
    format: (v, values) => {
      const rows = v.rows.filter((r) => !values['differs-only'] || r.differs);
      // The report's page 1 ranking, in its words: the same lines the PDF and the app's comparison show.
      const winners = v.decision.winners.length ? ['Which scenario wins on what:', ...v.decision.winners.map((l) => `  ${l}`)].join('\n') : '';
      return joinBlocks(
        winners,
        table(
          ['quantity', 'unit', ...v.columns.map((c) => c.name), 'differs'],
          rows.map((r) => [r.label, units.unitText(r.unit), ...r.values.map((v) => units.cell(v, r.unit, cliBytes(values))), r.differs ? 'yes' : '']),
        ),
        v.flags.map((f) => `! [${f.scenarioId}] ${f.message}`).join('\n'),
        v.citations.map((c) => `${c.kind === 'law' ? 'Law' : 'Coefficients'}: ${c.name} — ${c.citation}`).join('\n'),
      );
    },
  }),
];
