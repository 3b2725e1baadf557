/**
 * The store's edits as commands: rename, duplicate, delete to the trash and restore projects and
 * scenarios, and empty the trash. The round trip: a deleted scenario (or project) leaves the list,
 * is listed with --trash only, comes back with restore; only `trash empty --yes` removes for good.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

const names = (page: Record<string, any>) => (page.items as Array<{ name: string }>).map((i) => i.name).sort();

describe('moe-workbench projects|scenarios rename|duplicate|delete|restore, trash empty', () => {
  it('a scenario: rename and retag, duplicate, delete → in the trash → restore → listed again, then emptied for good', async () => {
    const project = await cliJson('projects', 'create', '--name', 'Trash round trip');
    expect((await cli('plan', 'compute', '--flops', '1e21', '--save', 'first name', '--project', project.id)).code).toBe(0);
    const scenarioId: string = (await cliJson('scenarios', 'list', '--project', project.id)).items[0].id;
    const list = () => cliJson('scenarios', 'list', '--project', project.id);
    const trash = () => cliJson('scenarios', 'list', '--project', project.id, '--trash', 'only');

    const renamed = await cli('scenarios', 'rename', scenarioId, '--name', '1e21 baseline', '--tags', 'baseline, h100');
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toBe(`Scenario "1e21 baseline" [${scenarioId}] saved; tags: baseline, h100\n`);
    const shown = await cliJson('scenarios', 'show', scenarioId);
    expect([shown.name, shown.tags]).toEqual(['1e21 baseline', ['baseline', 'h100']]);

    const copy = await cliJson('scenarios', 'duplicate', scenarioId, '--name', '1e21 variant');
    expect(copy.id).not.toBe(scenarioId);
    expect(names(await list())).toEqual(['1e21 baseline', '1e21 variant']);

    const deleted = await cli('scenarios', 'delete', scenarioId);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`undo: moe-workbench scenarios restore ${scenarioId}`);
    expect(names(await list())).toEqual(['1e21 variant']);
    expect(names(await trash())).toEqual(['1e21 baseline']);
    expect((await cli('scenarios', 'list', '--project', project.id, '--trash', 'include')).stdout).toContain('1e21 baseline (in the trash)');

    expect((await cli('scenarios', 'restore', scenarioId)).code).toBe(0);
    expect(names(await list())).toEqual(['1e21 baseline', '1e21 variant']);
    expect(names(await trash())).toEqual([]);

    // Emptying the trash asks for --yes, and removes only what is in it.
    await cli('scenarios', 'delete', copy.id);
    const unconfirmed = await cli('trash', 'empty', '--project', project.id);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('add --yes to confirm');
    expect(names(await trash())).toEqual(['1e21 variant']);
    const emptied = await cliJson('trash', 'empty', '--project', project.id, '--yes');
    expect(emptied).toEqual({ projects: 0, scenarios: 1 });
    expect(names(await trash())).toEqual([]);
    expect(names(await list())).toEqual(['1e21 baseline']);
    expect((await cli('scenarios', 'restore', copy.id)).code).not.toBe(0);
  });

  it('a project: rename, duplicate with its scenarios, delete → in the trash → restore → listed again', async () => {
    const project = await cliJson('projects', 'create', '--name', 'Project round trip');
    await cli('plan', 'compute', '--flops', '1e21', '--save', 'a plan', '--project', project.id);
    expect((await cli('projects', 'rename', project.id, '--name', 'Project renamed')).stdout).toBe(`Project "Project renamed" [${project.id}] saved\n`);
    const copy = await cli('projects', 'duplicate', project.id);
    expect(copy.code).toBe(0);
    expect(copy.stdout).toMatch(/^Copied to project "Project renamed \(2\)" \[[^\]]+\] with 1 scenario\(s\)\n$/);

    const listed = async (trash?: string) => names(await cliJson('projects', 'list', '--search', 'Project renamed', ...(trash ? ['--trash', trash] : [])));
    expect(await listed()).toEqual(['Project renamed', 'Project renamed (2)']);
    expect((await cli('projects', 'delete', project.id)).code).toBe(0);
    expect(await listed()).toEqual(['Project renamed (2)']);
    expect(await listed('only')).toEqual(['Project renamed']);
    expect((await cli('projects', 'restore', project.id)).code).toBe(0);
    expect(await listed()).toEqual(['Project renamed', 'Project renamed (2)']);
    expect(await listed('only')).toEqual([]);
  });

  it('refuses a rename with nothing to change, naming the options, and a missing ID (exit 2)', async () => {
    const nothing = await cli('scenarios', 'rename', 'some-id');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('give at least one of --name, --tags, --notes');
    const noId = await cli('projects', 'delete');
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('missing ID');
  });
});
