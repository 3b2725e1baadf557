/**
 * A CLI-only planner goes from a runs file to a next-run proposal: `runs import` stores the runs
 * in a project, `fit --project … --bootstrap N --save-set NAME` keeps the fit as a coefficient set
 * with its bootstrap replicates (through fit.save, as the Fit page does), `next-runs` plans with
 * that set, and `projects export` carries the replicates with the set.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, ctx, dataDir } from '../cli/run-cli';
import { syntheticJointRuns } from '../next-run/fixture';

const JOINT_KEYS = ['a', 'alpha', 'b', 'beta', 'c', 'delta', 'eMax', 'eStart', 'gamma', 'omega', 'zeta'];

describe('moe-workbench fit --save-set', () => {
  it('imports runs, fits them with bootstrap replicates, saves the set with its replicates, plans next runs with it and exports it', async () => {
    const project = await cliJson('projects', 'create', '--name', 'CLI-only planner');
    const file = join(dataDir, 'joint-runs.csv');
    const { csv, runs } = syntheticJointRuns();
    writeFileSync(file, csv);
    const imported = await cli('runs', 'import', '--project', project.id, '--law', 'joint', '--runs', file);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Imported ${runs.length} runs into project ${project.id}`);

    const fitted = await cli('fit', '--law', 'joint', '--project', project.id, '--bootstrap', '12', '--seed', '3', '--save-set', 'CLI joint fit', '--json');
    expect(fitted.code, fitted.stderr).toBe(0);
    const v = JSON.parse(fitted.stdout);
    const m = /Saved coefficient set "CLI joint fit" \[([^\]]+)\] for the joint law, with its (\d+) bootstrap replicates/.exec(fitted.stderr);
    expect(m, fitted.stderr).toBeTruthy();
    const setId = m![1]!;
    const set = ctx.store().coefficients.get(setId);
    expect(set).toMatchObject({ law: 'joint', name: 'CLI joint fit', provenance: 'user-fit', published: false });
    expect(set.values).toEqual(v.result.coefficients);
    expect(set.source).toContain(`${runs.length} runs of project "CLI-only planner"`);
    const replicates = ctx.store().coefficients.replicates(setId)!;
    expect(replicates.length).toBe(Number(m![2]));
    expect(replicates.length).toBe(12 - v.result.bootstrap.failed);
    for (const r of replicates) expect(Object.keys(r).sort()).toEqual(JOINT_KEYS);

    // The saved set is what next-runs needs: a joint-law fit with replicates of the project's runs.
    const next = await cliJson('next-runs', '--project', project.id, '--coefficient-set', setId, '--budget', '1e21', '--gpu-hours', '2000', '--hardware', 'h100-sxm', '--worlds', '0', '--save', 'Next runs with the CLI fit');
    expect(next.provenance.coefficientSet.id).toBe(setId);
    expect(next.replicates).toBeGreaterThan(1);
    expect(next.runs.length).toBeGreaterThan(0);

    // The project file carries the set its scenario uses, with the replicates.
    const out = join(dataDir, 'cli-only.moe-project.json');
    const exported = await cli('projects', 'export', project.id, '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    const carried = doc.coefficientSets.find((c: { id: string }) => c.id === setId);
    expect(carried.replicates).toEqual(replicates);
  }, 240_000);

  it('takes the runs from exactly one of --runs and --project, and says when a saved set has no replicates to plan with', async () => {
    const both = await cli('fit', '--law', 'joint', '--runs', 'x.csv', '--project', 'p');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --runs FILE or --project ID/);
    const neither = await cli('fit', '--law', 'joint');
    expect(neither.code).toBe(2);
    const file = join(dataDir, 'dense-runs.csv');
    // Chinchilla-form runs from L = 1.8172 + 482.01/N^0.3478 + 2085.43/D^0.3658 (Besiroglu et al. 2024), no noise.
    const rows = [1e8, 3e8, 1e9].flatMap((n) => [20, 60].map((r) => [n, n * r, 1.8172 + 482.01 / n ** 0.3478 + 2085.43 / (n * r) ** 0.3658]));
    writeFileSync(file, ['nAct,tokens,loss', ...rows.map((r) => r.join(','))].join('\n'));
    const dense = await cli('fit', '--law', 'chinchilla', '--runs', file, '--save-set', 'Dense, no bootstrap');
    expect(dense.code, dense.stderr).toBe(0);
    expect(dense.stderr).toMatch(/Saved coefficient set "Dense, no bootstrap" \[[^\]]+\] for the chinchilla law \(no bootstrap replicates: --bootstrap N draws them/);
  }, 120_000);
});
