/**
 * Named commands for the store actions (project create/export/import, a plan saved as a
 * scenario, compare) and for the two laws that had none (denseMoe.optimum, leverage.reference),
 * in-process, checked against the published exponents, closed forms and round trips.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, dataDir } from './run-cli';
import { readInputs } from '../../../src-main/schema/scenario-inputs';

type Json = Record<string, any>;

describe('projects and scenarios from the command line', () => {
  it('saves plans as scenarios, compares them, and exports and imports the project', async () => {
    const project = await cliJson('projects', 'create', '--name', 'CLI named');
    const saved: string[] = [];
    for (const flops of ['1e21', '1e22']) {
      const r = await cli('plan', 'compute', '--flops', flops, '--experts', '1,8', '--save', `at ${flops}`, '--project', project.id, '--tags', 'cli,sweep', '--json');
      expect(r.code, r.stderr).toBe(0);
      const id = /Saved scenario "at [^"]+" \[([^\]]+)\]/.exec(r.stderr)?.[1];
      expect(id, r.stderr).toBeDefined();
      saved.push(id!);
      // The snapshot is the plan printed, and the inputs are the compute wizard's.
      const s = await cliJson('scenarios', 'show', id!);
      expect(s.results).toEqual(JSON.parse(r.stdout));
      expect(s.inputs).toMatchObject({ budget: { mode: 'flops', flops: Number(flops) }, experts: [1, 8] });
      expect(s.tags).toEqual(['cli', 'sweep']);
      expect(s.wizard).toBe('compute');
    }
    const missing = await cli('plan', 'compute', '--flops', '1e21', '--save', 'x');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--save needs --project/);

    const cmp = await cliJson('compare', 'scenarios', '--scenario', saved.join(','));
    expect(cmp.columns.map((c: Json) => c.id)).toEqual(saved);
    const text = await cli('compare', 'scenarios', '--scenario', saved.join(','), '--differs-only');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/FLOPs/);
    const differing = cmp.rows.filter((r: Json) => r.differs).map((r: Json) => r.label);
    // The table's block (the ranking of page 1 comes before it, the flags and citations after).
    const tableBlock = text.stdout.split('\n\n').find((b) => b.startsWith('quantity'))!;
    for (const line of tableBlock.split('\n').slice(2)) {
      const label = line.split(/\s{2,}/)[0];
      if (label && !line.startsWith('!') && !/^(Law|Coefficients):/.test(line)) expect(differing).toContain(label);
    }

    const file = join(dataDir, 'named.moe-project.json');
    const exp = await cli('projects', 'export', project.id, '--out', file);
    expect(exp.code, exp.stderr).toBe(0);
    expect(exp.stdout).toContain(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).project.name).toBe('CLI named');
    const imp = await cliJson('projects', 'import', file);
    expect(imp.renamedFrom).toBe('CLI named');
    expect(imp.project.name).not.toBe('CLI named');
    expect(imp.scenarioIds).toHaveLength(2);
    const bad = await cli('projects', 'import', join(dataDir, 'nope.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nope\.json.*no such file/);
    // a file that is not JSON is refused naming the file, not the request field its text travels in
    const notJson = join(dataDir, 'notes.txt');
    writeFileSync(notJson, 'these are my notes, not a project');
    const refused = await cli('projects', 'import', notJson);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`projects import: FILE "${notJson}": not a JSON project file (${jsonError('these are my notes, not a project')})\n`);
  });
});

/** What JSON.parse says of `text` (the engine's wording, not the app's). */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the text is JSON');
}

/**
 * The renderer's own mapping from a saved scenario's inputs to its page's request (what "open"
 * and "recompute" run), loaded at run time: its types need the Vue config, not this one.
 */
interface PageRequests {
  filledInputs(wizard: string, inputs: unknown): { wizard: string; inputs: never };
  memoryRequest(i: never): Json;
  inferenceRequest(i: never): Json;
  targetRequest(i: never): Json;
}
const WIZARDS = '../../../src-renderer/stores/wizards';

describe('every plan saves a scenario of its page', () => {
  /** Saves through the command, then reopens the scenario as its page would and recomputes it through `call`. */
  async function saveAndReopen(args: string[], name: string): Promise<{ saved: Json; printed: Json; recomputed: Json; request: Json }> {
    const project = await cliJson('projects', 'create', '--name', `CLI ${name}`);
    const r = await cli(...args, '--save', name, '--project', project.id, '--json');
    expect(r.code, r.stderr).toBe(0);
    const id = new RegExp(`Saved scenario "${name}" \\[([^\\]]+)\\] in project ${project.id}`).exec(r.stderr)?.[1];
    expect(id, r.stderr).toBeDefined();
    const saved = await cliJson('scenarios', 'show', id!);
    // The reports read what the CLI saved as one of the page's saved versions (schema/scenario-inputs.ts).
    expect(readInputs(saved.wizard, saved.inputs)).toMatchObject({ ok: true, wizard: saved.wizard });
    const { filledInputs, memoryRequest, inferenceRequest, targetRequest } = (await import(WIZARDS)) as PageRequests;
    const f = filledInputs(saved.wizard, saved.inputs);
    const [channel, request] =
      f.wizard === 'memory' ? ['plan.memory', memoryRequest(f.inputs)] : f.wizard === 'inference' ? ['plan.inference', inferenceRequest(f.inputs)] : f.wizard === 'target' ? ['plan.target', targetRequest(f.inputs)] : ['', {}];
    expect(channel, `no page for wizard ${saved.wizard}`).not.toBe('');
    const recomputed = await cliJson('call', channel, JSON.stringify(request));
    return { saved, printed: JSON.parse(r.stdout), recomputed, request };
  }

  it('plan memory --save: a Memory scenario whose inputs reproduce the plan (bytes as given, weights only)', async () => {
    const { saved, printed, recomputed, request } = await saveAndReopen(['plan', 'memory', '--flops', '6e19', '--memory', '2GB', '--model-only', '--experts', '4,16'], 'mem 2GB');
    expect(saved.wizard).toBe('memory');
    expect(saved.results).toEqual(printed);
    expect(saved.inputs.memory).toMatchObject({ mode: 'bytes', bytes: 2e9, memoryMode: 'model' });
    expect(request).toMatchObject({ flops: 6e19, memoryBytes: 2e9, memoryMode: 'model', experts: [4, 16] });
    expect(recomputed).toEqual(printed);
  });

  it('plan memory --hardware --save: the profile and device count travel, and the scenario lists under the profile', async () => {
    const { saved, printed, recomputed } = await saveAndReopen(['plan', 'memory', '--flops', '1e21', '--hardware', 'h100-sxm', '--devices', '2', '--usable-fraction', '0.8'], 'mem h100');
    expect(saved.inputs.memory).toMatchObject({ mode: 'hardware', hardwareId: 'h100-sxm', devices: 2, usableFraction: 0.8 });
    expect(saved.hardwareProfileId).toBe('h100-sxm');
    expect(recomputed).toEqual(printed);
  });

  it('plan inference --save: an Inference scenario with its inference tokens and budget meaning', async () => {
    const { saved, printed, recomputed } = await saveAndReopen(['plan', 'inference', '--flops', '1e22', '--inference-tokens', '2e11', '--budget-is', 'training', '--experts', '1,8'], 'inf');
    expect(saved.wizard).toBe('inference');
    // The page keeps the training budget as given; the plan's own flops is training plus serving.
    expect(saved.inputs).toMatchObject({ budget: { mode: 'flops', flops: 1e22 }, inferenceTokens: 2e11, budgetIs: 'training', capMemory: false });
    expect(printed.flops).toBeGreaterThan(1e22);
    expect(recomputed).toEqual(printed);
  });

  it('target --save: a Target scenario with its goal, laws and sets', async () => {
    const { saved, printed, recomputed } = await saveAndReopen(['target', '--match-dense-params', '1e9', '--match-dense-tokens', '2e10', '--experts', '1,8', '--laws', 'joint,chinchilla'], 'tgt');
    expect(saved.wizard).toBe('target');
    expect(saved.inputs).toMatchObject({ goal: 'match-dense', denseParams: 1e9, denseTokens: 2e10, experts: [1, 8], laws: ['joint', 'chinchilla'] });
    expect(recomputed).toEqual(printed);
    const refused = await cli('target', '--loss', '2.5', '--save', 'x');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--save needs --project/);
  });
});

describe('moe-workbench optimum dense-moe', () => {
  it('scales a calibration point with the published exponents (MoE 0.590 / 0.410, dense 0.507 / 0.493)', async () => {
    const v = await cliJson('optimum', 'dense-moe', '--flops', '1e22', '--dense-flops', '1e20', '--dense-tokens', '4e10', '--moe-flops', '1e20', '--moe-flops-per-token', '1e9');
    expect(v.calibrated).toBe(true);
    // D_opt ∝ C^0.493 for dense, N_opt ∝ C^0.590 for MoE; and C = N·D.
    expect(v.dense.tokens / (4e10 * 100 ** 0.493)).toBeCloseTo(1, 2);
    expect(v.moe.flopsPerToken / (1e9 * 100 ** 0.59)).toBeCloseTo(1, 2);
    for (const o of [v.dense, v.moe]) expect((o.flopsPerToken * o.tokens) / 1e22).toBeCloseTo(1, 6);
    expect(v.dataUtilisation.relativeGain).toBeCloseTo((0.59 - 0.507) / 0.507, 3);
  });

  it('says an architecture without a calibration is not calibrated, and refuses half a point naming the flag', async () => {
    const text = await cli('optimum', 'dense-moe', '--flops', '1e22', '--dense-flops', '1e20', '--dense-tokens', '4e10');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^moe: not calibrated/m);
    // Wang et al.'s 16.37% ((0.590 − 0.507)/0.507), printed at the formatter's three significant digits.
    expect(text.stdout).toMatch(/16\.4% above the dense one/);
    const half = await cli('optimum', 'dense-moe', '--flops', '1e22', '--moe-tokens', '4e10');
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/--moe-flops/);
  });
});

describe('moe-workbench leverage reference', () => {
  it("gives Ling-mini-beta's A, S and G from its shape and a default budget as the law defines compute (3·M·D)", async () => {
    const v = await cliJson('leverage', 'reference');
    const d = v.design;
    expect(v.flopsSource).toBe('non-embedding-3MD');
    expect(v.flops / v.compute.trainingFlops).toBe(1);
    // Non-embedding compute from the shapes stays close to the 6·N_active·D estimate (N_active = 0.85B).
    expect(v.flops / (6 * d.activeParams * d.trainingTokens)).toBeGreaterThan(0.95);
    expect(v.flops / (6 * d.activeParams * d.trainingTokens)).toBeLessThan(1.05);
    expect(v.activation).toBeCloseTo((d.activeExperts + d.sharedExperts) / (d.experts + d.sharedExperts), 12);
    expect(v.granularity).toBeCloseTo((2 * d.dModel) / d.dExpert, 12);
    expect(v.sharedRatio).toBeCloseTo(d.sharedExperts / (d.activeExperts + d.sharedExperts), 12);
    const given = await cliJson('leverage', 'reference', '--flops', '1e22');
    expect(given.flops).toBe(1e22);
    expect(given.flopsSource).toBe('request');
    // The same EL as the law at the derived A and G.
    const law = await cliJson('law', 'leverage', '--flops', '1e22', '--activation', String(given.activation), '--granularity', String(given.granularity));
    expect(given.el).toBeCloseTo(law.el, 10);
  });
});
