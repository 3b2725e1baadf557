/**
 * Scenario inputs saved by earlier versions still read. The fixtures in tests/fixtures/inputs are
 * the wizard state the renderer held (and Save kept) at the commit in their name, dumped from that
 * commit's own `useWizards()` store: 2de47c7 (the release of tests/fixtures/store), efe2c63 (the
 * first with "fitted expert counts only", before the dense baseline's set could be chosen) and
 * 69ce626 (the first Target page). The device-days one is the 2de47c7 Compute page with its budget
 * switched to devices × days, as BudgetField does, keeping every other field.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUTS_VERSIONS, readInputs, type InputsWizard } from '../../../src-main/schema/scenario-inputs';
import { buildComparison, type ReportScenario } from '../../../src-main/reports/comparison';
import { buildDecision } from '../../../src-main/reports/decision';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (dir: string, name: string): Json => JSON.parse(readFileSync(resolve(__dirname, `../../fixtures/${dir}/${name}.json`), 'utf8')) as Json;

const SAVED: Array<[string, InputsWizard, number]> = [
  ['compute-2de47c7', 'compute', 1],
  ['compute-device-days-2de47c7', 'compute', 1],
  ['memory-2de47c7', 'memory', 1],
  ['inference-2de47c7', 'inference', 1],
  ['compute-efe2c63', 'compute', 2],
  ['memory-efe2c63', 'memory', 2],
  ['inference-efe2c63', 'inference', 2],
  ['leverage-2de47c7', 'leverage', 1],
  ['architecture-2de47c7', 'architecture', 1],
  ['target-69ce626', 'target', 1],
];

describe('saved inputs', () => {
  it.each(SAVED)('%s reads as %s inputs of version %i', (name, wizard, version) => {
    expect(readInputs(wizard, fixture('inputs', name))).toMatchObject({ ok: true, wizard, version });
    expect(INPUTS_VERSIONS[wizard].map((v) => v.version)).toContain(version);
  });

  it('what every page holds today reads as its newest version (the renderer’s own defaults, over no saved inputs)', async () => {
    // Loaded at run time, as tests/integration/cli/named.test.ts does: its types need the Vue config.
    const wizards = '../../../src-renderer/stores/wizards';
    const { filledInputs } = (await import(wizards)) as { filledInputs(w: string, i: unknown): { inputs: unknown } };
    for (const wizard of Object.keys(INPUTS_VERSIONS) as InputsWizard[]) {
      const newest = INPUTS_VERSIONS[wizard][0]!.version;
      expect(readInputs(wizard, JSON.parse(JSON.stringify(filledInputs(wizard, {}).inputs))), wizard).toMatchObject({ ok: true, version: newest });
    }
  });

  it('old plan inputs come up to date the way the app treats a missing value: every expert count, the Epoch dense baseline', () => {
    const raw = fixture('inputs', 'compute-2de47c7');
    expect('fittedExpertsOnly' in raw || 'denseBaselineSetId' in raw).toBe(false);
    const read = readInputs('compute', raw);
    if (!read.ok) throw new Error(read.problem);
    expect(read.value).toMatchObject({ fittedExpertsOnly: false, denseBaselineSetId: 'besiroglu2024', experts: raw.experts, coefficientSetId: raw.coefficientSetId });
  });

  it('a budget reads by its mode: devices × days keeps its hardware, a FLOP budget needs nothing else (as the CLI saved it before it saved the page’s state)', () => {
    const days = readInputs('compute', fixture('inputs', 'compute-device-days-2de47c7'));
    expect(days.ok && days.value.budget).toEqual({ mode: 'device-days', flops: 1e22, hardwareId: 'h100-sxm', devices: 8, days: 30, utilization: 0.4 });
    const cli = { ...fixture('inputs', 'inference-efe2c63'), budget: { mode: 'flops', flops: 3e21 }, memory: undefined, capMemory: false };
    expect(readInputs('inference', cli)).toMatchObject({ ok: true, version: 0, value: { budget: { mode: 'flops', flops: 3e21 }, denseBaselineSetId: 'besiroglu2024' } });
  });

  it('damaged inputs are refused naming the field, not cast through or mistaken for an older version', () => {
    const raw = fixture('inputs', 'compute-device-days-2de47c7');
    raw.budget.devices = 'eight';
    expect(readInputs('compute', raw)).toEqual({ ok: false, wizard: 'compute', problem: expect.stringMatching(/^budget\.devices: expected number/) });
    const arch = { ...fixture('inputs', 'architecture-2de47c7'), tokens: null };
    expect(readInputs('architecture', arch)).toMatchObject({ ok: false, problem: expect.stringMatching(/^tokens: expected number/) });
    expect(readInputs('target', 'not inputs')).toMatchObject({ ok: false, problem: expect.stringMatching(/^the inputs: expected object/) });
  });
});

describe('reports read saved inputs through the schema', () => {
  const scenario = (id: string, wizard: string, inputs: unknown, results: unknown): ReportScenario => ({
    id,
    name: id,
    wizard,
    projectId: 'p',
    projectName: 'P',
    tags: [],
    inputs,
    results,
    inputsChanged: false,
    changedInputs: [],
    createdAt: '2026-11-23T00:00:00.000Z',
    updatedAt: '2026-11-23T00:00:00.000Z',
    notes: '',
  }) as ReportScenario;
  const plan = fixture('snapshots', 'plan-compute-2de47c7');

  it('the comparison says how the budget was given, from each version’s inputs; the Architecture page’s checked design from its own', () => {
    const m = buildComparison([
      scenario('days', 'compute', fixture('inputs', 'compute-device-days-2de47c7'), plan),
      scenario('flops', 'compute', fixture('inputs', 'compute-efe2c63'), plan),
      scenario('broken', 'compute', { budget: { mode: 'gpu-hours' } }, plan),
      scenario('arch', 'architecture', fixture('inputs', 'architecture-2de47c7'), fixture('snapshots', 'architecture-2de47c7')),
    ]);
    const row = (key: string) => m.rows.find((r) => r.key === key)?.values;
    expect(row('inputs.budgetSource')).toEqual(['8 × h100-sxm for 30 days at 40% utilisation', 'typed FLOP budget', null, null]);
    const arch = fixture('inputs', 'architecture-2de47c7');
    expect(row('architecture.tokens')).toEqual([null, null, null, arch.tokens]);
    expect(row('architecture.checked.activeExperts')).toEqual([null, null, null, arch.activeExperts]);
  });

  it('the decision page gives a hardware budget’s time: 8 devices × 30 days = 5,760 GPU-hours', () => {
    const d = buildDecision([scenario('days', 'compute', fixture('inputs', 'compute-device-days-2de47c7'), plan)], 'binary');
    expect(d.scenarios[0]!.sentence).toMatch(/8 × h100-sxm \(5,760 GPU-hours\)/);
  });

  it('the decision page names the budget’s hardware as the store does, and says when its profile is gone', () => {
    const { profiles } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../resources/seed/hardware-profiles.json'), 'utf8')) as { profiles: Array<{ id: string; name: string }> };
    const h100 = profiles.find((p) => p.id === 'h100-sxm')!;
    const named = buildDecision([scenario('days', 'compute', fixture('inputs', 'compute-device-days-2de47c7'), plan)], 'binary', { resolveHardware: (id) => profiles.find((p) => p.id === id) ?? null });
    expect(named.scenarios[0]!.sentence).toContain(`8 × ${h100.name} (5,760 GPU-hours)`);
    const gone = buildDecision([scenario('days', 'compute', fixture('inputs', 'compute-device-days-2de47c7'), plan)], 'binary', { resolveHardware: () => null });
    expect(gone.scenarios[0]!.sentence).toContain('8 × h100-sxm (hardware profile no longer available) (5,760 GPU-hours)');
  });
});
