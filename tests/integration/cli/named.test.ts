/**
 * Named commands for the store actions (project create/export/import, a plan saved as a
 * scenario, compare) and for the two laws that had none (denseMoe.optimum, leverage.reference),
 * in-process, checked against the published exponents, closed forms and round trips.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, dataDir } from './run-cli';

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
    for (const line of text.stdout.split('\n').slice(2)) {
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
