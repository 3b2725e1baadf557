/**
 * `moe-workbench runs list`: the runs `runs import` stored in a project, read back as imported
 * (the values of the CSV written here), and a project with none.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, dataDir } from './run-cli';

describe('moe-workbench runs list', () => {
  it('lists the runs imported into a project, with their values as the CSV gave them', async () => {
    const project = await cliJson('projects', 'create', '--name', 'Runs to list');
    const file = join(dataDir, 'runs-to-list.csv');
    writeFileSync(file, 'nAct,tokens,experts,loss\n1e8,2e9,1,3.1\n2e8,4e9,8,2.9\n');
    const imported = await cli('runs', 'import', '--project', project.id, '--law', 'joint', '--runs', file);
    expect(imported.code, imported.stderr).toBe(0);
    const json = await cliJson('runs', 'list', '--project', project.id);
    expect(json.runs.map((r: { nAct: number; tokens: number; experts: number; loss: number }) => [r.nAct, r.tokens, r.experts, r.loss])).toEqual([
      [1e8, 2e9, 1, 3.1],
      [2e8, 4e9, 8, 2.9],
    ]);
    const text = await cli('runs', 'list', '--project', project.id);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('loss (nats/token)');
    expect(text.stdout).toContain(`2 run(s) in project ${project.id}`);
    const none = await cliJson('projects', 'create', '--name', 'No runs');
    expect((await cliJson('runs', 'list', '--project', none.id)).runs).toEqual([]);
    const missing = await cli('runs', 'list');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing required option --project');
  });
});
