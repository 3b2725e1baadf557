import { describe, expect, it } from 'vitest';
import { cli, dataDir } from './run-cli';

describe('moe-workbench CLI', () => {
  it('--help lists the commands', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: moe-workbench <command>/);
    expect(r.stdout).toMatch(/\binfo\b/);
  });

  it('--json prints machine-readable output of the same service', async () => {
    const r = await cli('info', '--json');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ name: 'MoE Workbench', transport: 'cli', dataDir });
  });

  it('a bad argument exits non-zero with a message naming it', async () => {
    const unknown = await cli('info', '--frobnicate', '3');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--frobnicate/);
    const cmd = await cli('no-such-command');
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/no-such-command/);
  });
});
