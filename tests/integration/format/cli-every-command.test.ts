/**
 * Every named CLI command's text output (its own `--help` example, run as written with real IDs
 * and files in place of the placeholders) follows the planner-unit rules: no e-notation, no caret
 * exponent, no float printed to machine precision. Commands whose output is raw by design (JSON,
 * CSV cells) are listed with the reason; a new command must join one list or the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src-main/cli/run';
import { COMMANDS } from '../../../src-main/cli/commands';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

/**
 * The rule, as the page test (tests/e2e/fixtures/planner-units.ts) states it: e-notation,
 * a caret exponent, or a float to machine precision (more than six significant digits).
 */
const RAW_NOTATION = /\d(?:\.\d+)?[eE][+-]?\d|\^\s*[-+]?\d|(?<![\d.,])(?=(?:0\.0*)?[1-9](?:\.?\d){6})\d[\d]*\.\d+/;
/** Names that look like figures: IDs, arXiv identifiers (2203.15556), file paths. */
const names = (line: string) =>
  line
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID')
    .replace(/arXiv[: ]\d{4}\.\d{4,5}/g, 'arXiv')
    .replace(/\/\S+/g, 'PATH');

/** Output that is raw numbers on purpose: the contract's JSON, or CSV cells. */
const RAW_BY_DESIGN: Record<string, string> = {
  call: 'prints the channel response as JSON',
  batch: 'prints one JSON envelope per line',
  schema: 'prints JSON Schemas',
  sweep: 'writes CSV cells (raw numbers; units in the header)',
  // Needs a project holding training runs and a fit with replicates; tests/integration/next-run runs it.
  'next-runs': 'needs imported training runs and a fitted set with replicates',
  'sweep savings': 'writes CSV cells (raw numbers; units in the header)',
  'sweep iso-flop': 'writes CSV cells (raw numbers; units in the header)',
  'sweep memory': 'writes CSV cells (raw numbers; units in the header)',
  // These edit or replace the store the other examples read, and print names and ids only; their own tests run them.
  'store restore-backup': 'needs a backup file and replaces the database (tests/integration/cli/store-restore.test.ts)',
  'projects rename': 'edits the store (tests/integration/cli/trash.test.ts)',
  'projects duplicate': 'edits the store (tests/integration/cli/trash.test.ts)',
  'projects delete': 'moves the examples\' project to the trash (tests/integration/cli/trash.test.ts)',
  'projects restore': 'needs a project in the trash (tests/integration/cli/trash.test.ts)',
  'scenarios rename': 'edits the store (tests/integration/cli/trash.test.ts)',
  'scenarios duplicate': 'edits the store (tests/integration/cli/trash.test.ts)',
  'scenarios delete': 'moves the examples\' scenario to the trash (tests/integration/cli/trash.test.ts)',
  'scenarios restore': 'needs a scenario in the trash (tests/integration/cli/trash.test.ts)',
  'hardware delete': 'deletes a profile (tests/integration/cli/hardware.test.ts)',
  'coefficients delete': 'deletes a user set (tests/integration/cli/coefficients.test.ts)',
};

const CHINCHILLA_RUNS = join(__dirname, '../../../../shared/data/chinchilla_svg_extracted_data.csv');

/** A `--help` example split as a shell would (quotes kept together, no redirections used here). */
function words(example: string): string[] {
  return [...example.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

let w: Workspace;
let out: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  w = await openWorkspace();
  out = mkdtempSync(join(tmpdir(), 'moe-cli-text-'));
  const plan = async (flops: number) => w.call('plan.compute', { flops, experts: [1, 8] });
  const a = await w.save('Small run', 'compute', await plan(1e21));
  const b = await w.save('Large run', 'compute', await plan(1e23));
  ids.SCENARIO_ID = a.id;
  ids.SCENARIO_ID1 = a.id;
  ids.SCENARIO_ID2 = b.id;
  ids.PROJECT_ID = w.projectId;
  ids.SET_ID = 'hoffmann2022';
  // A user set for the examples that edit one (published sets are read-only).
  ids.USER_SET_ID = ((await w.call('coefficients.duplicate', { id: 'hoffmann2022' })) as { id: string }).id;
}, 120_000);
afterAll(() => {
  removeWorkspace(w);
  rmSync(out, { recursive: true, force: true });
});

/** The example with placeholders filled: IDs from the workspace, files in a temp folder, no --json. */
function argvOf(example: string): string[] {
  return words(example)
    .filter((x) => x !== '--json')
    .map((x) => x.replace(/[A-Z_]+_ID\d?/g, (p) => ids[p] ?? p))
    .map((x) => (x === 'runs.csv' ? CHINCHILLA_RUNS : /\.(pdf|csv|json)$/.test(x) ? join(out, x) : x));
}

describe('every named CLI command writes planner units', () => {
  const named = COMMANDS.filter((c) => !(c.words.join(' ') in RAW_BY_DESIGN));

  it('the exemptions name real commands', () => {
    const all = new Set(COMMANDS.map((c) => c.words.join(' ')));
    for (const name of Object.keys(RAW_BY_DESIGN)) expect(all.has(name), name).toBe(true);
  });

  it.each(named.map((c) => [c.words.join(' '), c.example] as const))('%s', async (name, example) => {
    // projects import reads what projects export wrote.
    if (name === 'projects import') await runCli(argvOf(`projects export PROJECT_ID --out moe-2027.moe-project.json`), w.ctx);
    const r = await runCli(argvOf(example), w.ctx);
    expect(r.stderr.split('\n').filter((l) => RAW_NOTATION.test(names(l))), `${name}: stderr`).toEqual([]);
    expect(r.code, `${name}: ${r.stderr}`).toBe(0);
    expect(r.stdout.trim().length, `${name} printed nothing`).toBeGreaterThan(0);
    const offending = r.stdout.split('\n').filter((line) => RAW_NOTATION.test(names(line)));
    expect(offending, name).toEqual([]);
  }, 120_000);
});
