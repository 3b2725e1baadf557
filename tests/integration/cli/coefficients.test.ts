/** `moe-workbench coefficients duplicate|delete`: a published set copied with the same values, the copy deleted, the published set refused. */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

describe('moe-workbench coefficients duplicate / delete', () => {
  it('copies hoffmann2022 with its published values (LAWS.md §5), deletes the copy, refuses to delete the published set', async () => {
    const copy = await cliJson('coefficients', 'duplicate', 'hoffmann2022', '--name', 'Chinchilla, my copy');
    expect(copy.id).not.toBe('hoffmann2022');
    expect(copy.values).toMatchObject({ A: 406.4, B: 410.7, E: 1.69, alpha: 0.34, beta: 0.28 });
    expect((await cliJson('coefficients', 'list', '--law', 'chinchilla')).sets.some((s: { id: string }) => s.id === copy.id)).toBe(true);
    expect((await cli('coefficients', 'delete', copy.id)).stdout).toBe(`Deleted coefficient set ${copy.id}\n`);
    expect((await cliJson('coefficients', 'list', '--law', 'chinchilla')).sets.some((s: { id: string }) => s.id === copy.id)).toBe(false);
    const published = await cli('coefficients', 'delete', 'hoffmann2022');
    expect(published.code).not.toBe(0);
    expect((await cliJson('coefficients', 'show', 'hoffmann2022')).values.A).toBe(406.4);
  });
});
