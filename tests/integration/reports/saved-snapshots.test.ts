/**
 * Snapshots saved by earlier versions still report. The fixtures in tests/fixtures/snapshots are
 * responses written by the app at the commit in their name (2de47c7, the release whose database
 * is tests/fixtures/store/release-2de47c7-v4.sqlite, 69ce626, the first target scenarios, and
 * b2bd72e, a plan with a bootstrap band of 40 refits of tests/integration/next-run's fixture fit),
 * produced there by the same dispatch the wizards save from. Each is saved into a store of the
 * current version and exported: the report lays it out as its kind, with the saved figures. A
 * damaged snapshot is refused naming its field, in the PDF and the CSV, without an error.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-main/engine/fit/runs-csv';
import { readSnapshot, SNAPSHOT_VERSIONS } from '../../../src-main/schema/snapshots';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';
import { pdfText } from './pdf-text';

const FIXTURES = resolve(__dirname, '../../fixtures/snapshots');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string): Json => JSON.parse(readFileSync(resolve(FIXTURES, `${name}.json`), 'utf8')) as Json;

/** Fixture, wizard that saved it, kind and the version its shape is (by the fields it lacks). */
const SAVED: Array<[string, string, 'plan' | 'leverage' | 'architecture' | 'target', number]> = [
  ['plan-compute-2de47c7', 'compute', 'plan', 1],
  ['plan-memory-2de47c7', 'memory', 'plan', 1],
  ['plan-inference-2de47c7', 'inference', 'plan', 1],
  ['plan-compute-priced-69ce626', 'compute', 'plan', 2],
  ['plan-compute-banded-b2bd72e', 'compute', 'plan', 3],
  ['leverage-2de47c7', 'leverage', 'leverage', 1],
  ['architecture-2de47c7', 'architecture', 'architecture', 1],
  ['target-loss-69ce626', 'target', 'target', 1],
];

describe('snapshot versions', () => {
  it.each(SAVED)('%s reads as a %s snapshot of version %i', (name, _wizard, kind, version) => {
    const raw = fixture(name);
    const read = readSnapshot(raw);
    expect(read).toMatchObject({ ok: true, kind, version });
    expect(SNAPSHOT_VERSIONS[kind].map((v) => v.version)).toContain(version);
  });

  it('an old plan comes up to date: no time and cost (it was never priced), its own figures untouched', () => {
    const raw = fixture('plan-compute-2de47c7');
    expect('timeCost' in raw).toBe(false);
    const read = readSnapshot(raw);
    if (!read?.ok || read.kind !== 'plan') throw new Error('not read as a plan');
    const plan = read.value as Json;
    expect(plan.timeCost).toBeNull();
    expect(plan.cacheLayout).toEqual({ kind: 'mha' });
    expect(plan.best.experts).toBe(raw.best.experts);
    expect(plan.candidates.map((c: Json) => c.loss)).toEqual(raw.candidates.map((c: Json) => c.loss));
  });

  it('a damaged new snapshot is not mistaken for an old one: a malformed timeCost is named, not dropped', () => {
    const raw = fixture('plan-compute-priced-69ce626');
    raw.timeCost.gpuHours = 'many';
    expect(readSnapshot(raw)).toMatchObject({ ok: false, kind: 'plan', problem: expect.stringMatching(/^timeCost\.gpuHours: expected number/) });
  });
});

describe('reports of snapshots saved by earlier versions', () => {
  let w: Workspace;
  const ids = new Map<string, string>();
  let damagedId = '';

  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Saved by earlier versions');
    for (const [name, wizard] of SAVED) ids.set(name, (await w.save(name, wizard, fixture(name))).id);
    const damaged = fixture('plan-compute-2de47c7');
    damaged.candidates[1].loss = '2.5';
    damagedId = (await w.save('damaged plan', 'compute', damaged)).id;
  });
  afterAll(() => removeWorkspace(w));

  const pdf = async (id: string) => pdfText(new Uint8Array(Buffer.from((await w.call('reports.pdf', { scenarioIds: [id] })).base64, 'base64')));
  const csv = async (id: string) => {
    const { records, errors } = parseCsv((await w.call('reports.csv', { kind: 'scenario', id })).content);
    expect(errors).toEqual([]);
    return records.map((r) => r.fields);
  };

  it.each(SAVED.filter(([, , kind]) => kind === 'plan').map(([name]) => name))('%s: the CSV has a row per saved candidate, the PDF lays the plan out', async (name) => {
    const raw = fixture(name);
    const rows = await csv(ids.get(name)!);
    const col = rows[0]!.indexOf('experts (experts)');
    expect(col).toBeGreaterThan(-1);
    expect(rows.slice(1).map((r) => Number(r[col]))).toEqual(raw.candidates.map((c: Json) => c.experts).sort((a: number, b: number) => a - b));
    const { text } = await pdf(ids.get(name)!);
    expect(text).toContain('Predicted loss (nats/token)');
    expect(text).toContain('arXiv:2502.05172');
    expect(text).not.toMatch(/cannot be read/);
  });

  it('the 2de47c7 leverage, architecture and target snapshots report as their kinds', async () => {
    const lev = fixture('leverage-2de47c7');
    expect((await pdf(ids.get('leverage-2de47c7')!)).text).toContain(`EL = ${String(Number(lev.el.toPrecision(3)))}×`);
    expect((await pdf(ids.get('architecture-2de47c7')!)).text).toMatch(/G_opt = \d+\.\d+ experts/);
    const target = await pdf(ids.get('target-loss-69ce626')!);
    // Page 1 answers it in one sentence (goal 2.2 nats/token as the fixture saved it, written as a loss: 2.200); its own tables follow.
    expect(target.first).toContain('the cheapest design that reaches a loss of 2.200 nats/token');
    expect(target.first).toMatch(/Joint MoE law: E = \d+ experts, .* the cheapest in training at \d\.\d × 10²¹ FLOPs/);
    expect(target.text).toMatch(/Cheapest design per law and objective/);
    expect(target.text).not.toMatch(/What every law predicts for the joint law's pick/);
    const byKey = new Map((await csv(ids.get('target-loss-69ce626')!)).map((r) => [r[1], r]));
    expect(Number(byKey.get('target.goal.loss')![3])).toBe(2.2);
  });

  it('a damaged plan is refused naming the field, in the PDF and the CSV, and the rest of the report still comes out', async () => {
    const { text } = await pdf(damagedId);
    expect(text).toContain('Scenario: damaged plan');
    expect(text).toMatch(/The saved plan results cannot be read: candidates\[1\]\.loss: expected number, received string/);
    const rows = await csv(damagedId);
    // After the scenario's name and id (every scenario CSV starts with them), the reason it cannot be read.
    expect(rows[1]).toEqual(['Scenario', 'damaged plan']);
    expect(rows[3]).toEqual(['error', expect.stringMatching(/candidates\[1\]\.loss: expected number, received string/)]);
  });
});
