/**
 * The report appendix explains a saved plan's bootstrap band from the refits' best designs the
 * snapshot kept (schema/snapshots.ts, plan version 4), never by re-solving replicates it does not
 * have; a band saved by the version before (3: no winners, tests/fixtures/snapshots
 * plan-compute-banded-b2bd72e.json, written by the app at b2bd72e) still reports and says why it
 * has no explanation. Expected quantiles are numpy's linear percentile, written here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedSet } from '../../../src-main/engine/common/coefficients';
import { writeExplanation } from '../../../src-main/engine/explain';
import { scenarioExplanations } from '../../../src-main/reports/how-computed';
import type { ReportScenario } from '../../../src-main/reports/comparison';
import { readSnapshot } from '../../../src-main/schema/snapshots';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const saved = (): Json => JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/snapshots/plan-compute-banded-b2bd72e.json'), 'utf8')) as Json;
const percentile = (xs: number[], q: number) => {
  const v = [...xs].sort((a, b) => a - b);
  const h = (v.length - 1) * q;
  const i = Math.floor(h);
  return v[i]! + (h - i) * (v[Math.min(i + 1, v.length - 1)]! - v[i]!);
};
const scenario = (results: Json): ReportScenario =>
  ({ id: 's', name: 'Banded plan', wizard: 'compute', projectId: 'p', tags: [], inputs: {}, results, inputsChanged: false, changedInputs: [], createdAt: '', updatedAt: '', notes: '', projectName: null }) as unknown as ReportScenario;
// The fixture's fitted set as the store would resolve it (its values do not enter the band's explanation).
const resolver = (id: string) => ({ ...publishedSet('ludziejewski2025-joint'), id, name: 'Fixture fit' });

describe('the appendix’s band explanation', () => {
  it('a band saved before bands kept their winners reads as version 3 and says it cannot be explained, the plan’s own figures still are', () => {
    const raw = saved();
    const read = readSnapshot(raw);
    expect(read).toMatchObject({ ok: true, kind: 'plan', version: 3 });
    const band = (read as { value: Json }).value.uncertainty;
    expect(band).toMatchObject({ kind: 'bootstrap', winners: null, refits: null, loss: raw.uncertainty.loss });
    const x = scenarioExplanations(scenario(raw), resolver);
    expect(x.explanations.some((e) => e.figure === 'band.bootstrap')).toBe(false);
    expect(x.explanations.length).toBeGreaterThan(0);
    expect(x.note).toMatch(/saved before bands kept each refit’s best design/);
  });

  it('a band that kept its winners is explained from them: its ends are their 5th and 95th percentiles, its shares their counts, each listed', () => {
    const raw = saved();
    // 21 refits' best designs, as a version-4 band keeps them (the loss of refit i is 1.9 + i/100, E alternating 1 and 4).
    const winners = Array.from({ length: 21 }, (_, i) => ({ experts: i % 3 === 0 ? 4 : 1, nAct: 1e11 * (1 + i / 10), tokens: 2e12 / (1 + i / 10), loss: 1.9 + ((i * 7) % 21) / 100 }));
    raw.uncertainty = { ...raw.uncertainty, replicates: 21, winners, refits: 23 };
    expect(readSnapshot(raw)).toMatchObject({ ok: true, version: 4 });
    const x = scenarioExplanations(scenario(raw), resolver);
    const band = x.explanations.find((e) => e.figure === 'band.bootstrap')!;
    const w = writeExplanation(band);
    const raw_ = (s: string) => w.rows.find((r) => r.symbol === s)!.raw;
    expect(raw_('L_lo')).toBeCloseTo(percentile(winners.map((p) => p.loss), 0.05), 12);
    expect(raw_('L_hi')).toBeCloseTo(percentile(winners.map((p) => p.loss), 0.95), 12);
    expect(raw_('N_act_hi') / percentile(winners.map((p) => p.nAct), 0.95)).toBeCloseTo(1, 12);
    expect(raw_('share_4')).toBeCloseTo(7 / 21, 12);
    expect(w.data!.rows).toHaveLength(21);
    expect(w.data!.rows[0]).toEqual(['1', '4', '100 B', '2 T', '1.900']);
    expect(w.note).toMatch(/2 of 23 refits give no feasible design/);
    // A damaged list is named by its field, not read as an older band.
    raw.uncertainty.winners[2].loss = 'low';
    expect(readSnapshot(raw)).toMatchObject({ ok: false, problem: expect.stringMatching(/^uncertainty\.winners\[2\]\.loss/) });
  });
});
