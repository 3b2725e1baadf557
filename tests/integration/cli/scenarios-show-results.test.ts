/**
 * `scenarios show` says when a scenario's saved results cannot be read, as the pages and the
 * reports do: the field that fits no saved version of their kind, or that no kind claims them at
 * all; results that read, and a scenario saved without results, get no such line.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { cli, cliJson, ctx } from './run-cli';

const create = async (projectId: string, name: string, results: unknown): Promise<string> => {
  const env = await dispatch(handlers, ctx, 'scenarios.create', { projectId, name, wizard: 'compute', inputs: { flops: 1e21 }, ...(results === undefined ? {} : { results }) });
  if (!env.ok) throw new Error(env.error.message);
  return (env.value as { id: string }).id;
};
const problemLines = async (id: string) => (await cli('scenarios', 'show', id)).stdout.split('\n').filter((l) => l.startsWith('! The saved results'));

describe('moe-workbench scenarios show: saved results that cannot be read', () => {
  it('names the field of a damaged plan, says when no kind claims the results, and is silent otherwise', async () => {
    const project = await cliJson('projects', 'create', '--name', 'Readable results');
    expect((await cli('plan', 'compute', '--flops', '1e21', '--save', 'intact', '--project', project.id)).code).toBe(0);
    const intact = (await cliJson('scenarios', 'list', '--project', project.id)).items[0].id as string;
    const results = (await cliJson('scenarios', 'show', intact)).results as { candidates: Array<Record<string, unknown>> };

    const damaged = await create(project.id, 'damaged', { ...results, candidates: [{ ...results.candidates[0], loss: 'low' }, ...results.candidates.slice(1)] });
    const unclaimed = await create(project.id, 'unclaimed', { note: 'typed by hand' });
    const empty = await create(project.id, 'no results', undefined);

    expect(await problemLines(intact)).toEqual([]);
    expect(await problemLines(empty)).toEqual([]);
    const [line] = await problemLines(damaged);
    expect(line).toMatch(/^! The saved results \(plan\) cannot be read: candidates\[0\]\.loss: expected number/);
    expect(await problemLines(unclaimed)).toEqual(['! The saved results cannot be read: not a saved answer of any kind this release reads']);
  });
});
