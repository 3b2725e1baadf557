/** `moe-workbench hardware save|delete`: a profile created, listed with its figures, edited, deleted. */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

describe('moe-workbench hardware save / delete', () => {
  it('creates a profile, edits it with --id, deletes it', async () => {
    const saved = await cliJson('hardware', 'save', '--name', 'Test node', '--devices', '8', '--memory', '192GB', '--peak-flops', '2.25e15', '--utilization', '0.4', '--price', '6');
    expect([saved.deviceCount, saved.memoryBytesPerDevice, saved.peakFlopsPerDevice, saved.defaultUtilization, saved.pricePerDeviceHour]).toEqual([8, 192e9, 2.25e15, 0.4, 6]);
    const listed = await cliJson('hardware', 'list');
    expect(listed.profiles.find((p: { id: string }) => p.id === saved.id).name).toBe('Test node');
    const edited = await cli('hardware', 'save', '--id', saved.id, '--name', 'Test node', '--devices', '4', '--memory', '192GB', '--peak-flops', '2.25e15', '--utilization', '0.5', '--bytes', 'GB');
    expect(edited.code).toBe(0);
    expect(edited.stdout).toContain(`Saved hardware profile "Test node" [${saved.id}]: 4 × 192 GB`);
    expect((await cliJson('hardware', 'list')).profiles.find((p: { id: string }) => p.id === saved.id).deviceCount).toBe(4);
    expect((await cli('hardware', 'delete', saved.id)).stdout).toBe(`Deleted hardware profile ${saved.id}\n`);
    expect((await cliJson('hardware', 'list')).profiles.some((p: { id: string }) => p.id === saved.id)).toBe(false);
  });

  it('refuses a utilisation above 1 naming --utilization (exit 2)', async () => {
    const r = await cli('hardware', 'save', '--name', 'Bad', '--devices', '1', '--memory', '80GiB', '--peak-flops', '1e15', '--utilization', '1.5');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(option --utilization)');
  });
});
