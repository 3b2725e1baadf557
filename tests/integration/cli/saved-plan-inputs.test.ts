/**
 * `plan … --save` makes its scenario's inputs the one way the pages do: the Memory, Compute and
 * Inference pages' own state (schema/scenario-inputs.ts, the current version), not a CLI-only
 * shape. The expectation is the page's state as a user would leave it: the renderer's defaults
 * for a fresh page (its own `filledInputs`) with the values the command line gave typed in. The
 * renderer-shaped scenario saved from that state recomputes the same plan and reports the same,
 * cell for cell, as the one the CLI saved.
 */
import { describe, expect, it } from 'vitest';
import { inferenceInputsSchema, jointInputsSchema, memoryInputsSchema, readInputs } from '../../../src-main/schema/scenario-inputs';
import { cli, cliJson } from './run-cli';

type Json = Record<string, any>;

/** The renderer's own page state and requests, loaded at run time: its types need the Vue config, not this one. */
interface Pages {
  filledInputs(wizard: string, inputs: unknown): { wizard: string; inputs: Json };
  computeRequest(i: Json): Json;
  memoryRequest(i: Json): Json;
  inferenceRequest(i: Json): Json;
}
const pages = async () => (await import('../../../src-renderer/stores/wizards')) as unknown as Pages;

const CHANNEL = { compute: 'plan.compute', memory: 'plan.memory', inference: 'plan.inference' } as const;
const SCHEMA = { compute: jointInputsSchema, memory: memoryInputsSchema, inference: inferenceInputsSchema } as const;
type Wizard = keyof typeof CHANNEL;

/** Saves through the command and returns the scenario with the plan it printed. */
async function saveFromCli(project: string, name: string, args: string[]): Promise<{ saved: Json; printed: Json }> {
  const r = await cli(...args, '--save', name, '--project', project, '--json');
  expect(r.code, r.stderr).toBe(0);
  const id = new RegExp(`Saved scenario "${name}" \\[([^\\]]+)\\]`).exec(r.stderr)?.[1];
  expect(id, r.stderr).toBeDefined();
  return { saved: await cliJson('scenarios', 'show', id!), printed: JSON.parse(r.stdout) };
}

/**
 * Checks the CLI's scenario against the page's state `expected`, then saves that state as the
 * page would (its request, the plan it gets, its inputs) and compares the two scenarios' reports.
 */
async function sameAsThePage(wizard: Wizard, project: string, cliSaved: { saved: Json; printed: Json }, expected: Json, hardwareProfileId: string | null) {
  const { saved, printed } = cliSaved;
  expect(saved.wizard).toBe(wizard);
  // The page's own shape, every field present and nothing else (a parse keeps only declared fields).
  expect(SCHEMA[wizard].parse(saved.inputs)).toEqual(saved.inputs);
  expect(saved.inputs).toEqual(expected);
  const read = readInputs(wizard, saved.inputs);
  expect(read.ok && read.version).toBe(3);

  const p = await pages();
  const request = wizard === 'compute' ? p.computeRequest(expected) : wizard === 'memory' ? p.memoryRequest(expected) : p.inferenceRequest(expected);
  const recomputed = await cliJson('call', CHANNEL[wizard], JSON.stringify(request));
  expect(recomputed).toEqual(printed);
  const page = await cliJson('call', 'scenarios.create', JSON.stringify({ projectId: project, name: `${saved.name}-page`, wizard, inputs: expected, results: recomputed, coefficientSetId: recomputed.coefficientSetId, hardwareProfileId }));

  const cmp = await cliJson('call', 'scenarios.compare', JSON.stringify({ ids: [saved.id, page.id] }));
  const differing = cmp.rows.filter((r: Json) => r.differs && !r.key.startsWith('scenario.')).map((r: Json) => r.key);
  expect(differing).toEqual([]);
  // Names are unusual strings so that blanking them touches nothing else.
  const csv = async (id: string, name: string) => {
    const c = await cliJson('call', 'reports.csv', JSON.stringify({ kind: 'scenario', id }));
    return (c.content as string).replaceAll(id, 'ID').replaceAll(name, 'NAME');
  };
  expect(await csv(saved.id, saved.name)).toBe(await csv(page.id, page.name));
}

describe('plan --save writes the page’s own inputs', () => {
  it('plan memory: profile × devices, usable share, a GQA cache cap and a training cluster priced apart', async () => {
    const project = (await cliJson('projects', 'create', '--name', 'CLI as the Memory page')).id as string;
    const cliSaved = await saveFromCli(project, 'zz-cli-memory-gqa', [
      'plan', 'memory', '--flops', '3e21', '--experts', '1,4,16', '--hardware', 'h100-sxm', '--devices', '2', '--usable-fraction', '0.8',
      '--attention', 'gqa', '--kv-heads', '4', '--train-hardware', 'a100-80', '--train-devices', '16', '--utilization', '0.5', '--price', '2',
      '--dense-baseline', 'hoffmann2022',
    ]);
    const fresh = (await pages()).filledInputs('memory', {}).inputs;
    const expected = {
      ...fresh,
      budget: { ...fresh.budget, flops: 3e21 },
      experts: [1, 4, 16],
      denseBaselineSetId: 'hoffmann2022',
      memory: { ...fresh.memory, mode: 'hardware', hardwareId: 'h100-sxm', devices: 2, usableFraction: 0.8, cacheLayout: { ...fresh.memory.cacheLayout, kind: 'gqa', kvHeads: 4 } },
      trainingCluster: { hardwareId: 'a100-80', devices: 16, utilization: 0.5, price: 2 },
    };
    await sameAsThePage('memory', project, cliSaved, expected, 'h100-sxm');
    // The cap's layout was the one asked for, so the page reopens on it (before, the saved inputs dropped it).
    expect(cliSaved.printed.cacheLayout).toEqual({ kind: 'gqa', kvHeads: 4, headDim: 128 });
  });

  it('plan memory: bytes as given, weights only', async () => {
    const project = (await cliJson('projects', 'create', '--name', 'CLI bytes')).id as string;
    const cliSaved = await saveFromCli(project, 'zz-cli-memory-bytes', ['plan', 'memory', '--flops', '6e19', '--memory', '2GB', '--model-only', '--experts', '4,16', '--kv-tokens', '4096']);
    const fresh = (await pages()).filledInputs('memory', {}).inputs;
    const expected = { ...fresh, budget: { ...fresh.budget, flops: 6e19 }, experts: [4, 16], kvTokens: 4096, memory: { ...fresh.memory, mode: 'bytes', bytes: 2e9, usableFraction: 1, memoryMode: 'model' } };
    await sameAsThePage('memory', project, cliSaved, expected, null);
  });

  it('plan compute: the FLOP budget priced on a profile, as the Deploy section’s training cluster', async () => {
    const project = (await cliJson('projects', 'create', '--name', 'CLI as the Compute page')).id as string;
    const cliSaved = await saveFromCli(project, 'zz-cli-compute', ['plan', 'compute', '--flops', '1e22', '--experts', '1,8', '--hardware', 'h100-sxm', '--devices', '64', '--fitted-experts-only', '--lr-basis', 'active-with-embedding']);
    const fresh = (await pages()).filledInputs('compute', {}).inputs;
    const expected = {
      ...fresh,
      budget: { ...fresh.budget, flops: 1e22 },
      experts: [1, 8],
      fittedExpertsOnly: true,
      learningRateBasis: 'active-with-embedding',
      trainingCluster: { hardwareId: 'h100-sxm', devices: 64, utilization: null, price: null },
    };
    await sameAsThePage('compute', project, cliSaved, expected, 'h100-sxm');
  });

  it('plan compute --days: the budget as devices × days on the profile, as the page’s budget field holds it', async () => {
    const project = (await cliJson('projects', 'create', '--name', 'CLI device-days')).id as string;
    const cliSaved = await saveFromCli(project, 'zz-cli-compute-days', ['plan', 'compute', '--days', '30', '--hardware', 'h100-sxm', '--devices', '512', '--experts', '1,8']);
    const h100 = (await cliJson('call', 'hardware.list', '{}')).profiles.find((p: Json) => p.id === 'h100-sxm');
    const fresh = (await pages()).filledInputs('compute', {}).inputs;
    // The page's budget field keeps the FLOPs of devices × days × 86,400 s × peak × utilisation beside them.
    const flops = 512 * 30 * 86_400 * h100.peakFlopsPerDevice * h100.defaultUtilization;
    const budget = { ...fresh.budget, mode: 'device-days', flops, hardwareId: 'h100-sxm', devices: 512, days: 30, utilization: h100.defaultUtilization };
    await sameAsThePage('compute', project, cliSaved, { ...fresh, budget, experts: [1, 8] }, 'h100-sxm');
  });

  it('plan inference: the training budget as given, serving on top, no memory cap', async () => {
    const project = (await cliJson('projects', 'create', '--name', 'CLI as the Inference page')).id as string;
    const cliSaved = await saveFromCli(project, 'zz-cli-inference', ['plan', 'inference', '--flops', '1e22', '--inference-tokens', '2e11', '--budget-is', 'training', '--experts', '1,8', '--weight-bytes', '1']);
    const fresh = (await pages()).filledInputs('inference', {}).inputs;
    const expected = { ...fresh, budget: { ...fresh.budget, flops: 1e22 }, experts: [1, 8], weightBytes: 1, inferenceTokens: 2e11, budgetIs: 'training', capMemory: false };
    await sameAsThePage('inference', project, cliSaved, expected, null);
  });

  it('plan compute --days with --price and --power: the price and power stay with the budget’s cluster', async () => {
    const project = (await cliJson('projects', 'create', '--name', 'CLI device-days priced')).id as string;
    const cliSaved = await saveFromCli(project, 'zz-cli-compute-days-priced', ['plan', 'compute', '--days', '30', '--hardware', 'h100-sxm', '--devices', '512', '--price', '2.5', '--power', '700', '--experts', '1,8']);
    // 512 devices for 30 days at $2.50 and 700 W each, written out.
    expect(cliSaved.printed.timeCost.costUsd).toBeCloseTo(512 * 30 * 24 * 2.5, 6);
    expect(cliSaved.printed.timeCost.energyKwh).toBeCloseTo((512 * 30 * 24 * 700) / 1000, 6);
    const h100 = (await cliJson('call', 'hardware.list', '{}')).profiles.find((p: Json) => p.id === 'h100-sxm');
    const fresh = (await pages()).filledInputs('compute', {}).inputs;
    const u = h100.defaultUtilization;
    const budget = { ...fresh.budget, mode: 'device-days', flops: 512 * 30 * 86_400 * h100.peakFlopsPerDevice * u, hardwareId: 'h100-sxm', devices: 512, days: 30, utilization: u };
    const trainingCluster = { hardwareId: 'h100-sxm', devices: 512, utilization: u, price: 2.5, power: 700 };
    await sameAsThePage('compute', project, cliSaved, { ...fresh, budget, experts: [1, 8], trainingCluster }, 'h100-sxm');
  });

  it('plan memory --days: the budget as the training cluster’s devices × days, priced with --price and --power, the cap on --hardware', async () => {
    const project = (await cliJson('projects', 'create', '--name', 'CLI memory device-days')).id as string;
    const cliSaved = await saveFromCli(project, 'zz-cli-memory-days', [
      'plan', 'memory', '--days', '10', '--hardware', '8xh100', '--train-hardware', 'h100-sxm', '--train-devices', '64', '--price', '3', '--power', '700', '--experts', '1,8',
    ]);
    expect(cliSaved.printed.timeCost.costUsd).toBeCloseTo(64 * 10 * 24 * 3, 6);
    expect(cliSaved.printed.timeCost.energyKwh).toBeCloseTo((64 * 10 * 24 * 700) / 1000, 6);
    const h100 = (await cliJson('call', 'hardware.list', '{}')).profiles.find((p: Json) => p.id === 'h100-sxm');
    const fresh = (await pages()).filledInputs('memory', {}).inputs;
    const u = h100.defaultUtilization;
    const expected = {
      ...fresh,
      budget: { ...fresh.budget, mode: 'device-days', flops: 64 * 10 * 86_400 * h100.peakFlopsPerDevice * u, hardwareId: 'h100-sxm', devices: 64, days: 10, utilization: u },
      experts: [1, 8],
      memory: { ...fresh.memory, mode: 'hardware', hardwareId: '8xh100', devices: 8, usableFraction: 1 },
      trainingCluster: { hardwareId: 'h100-sxm', devices: 64, utilization: u, price: 3, power: 700 },
    };
    await sameAsThePage('memory', project, cliSaved, expected, '8xh100');
  });
});
