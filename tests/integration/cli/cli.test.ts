import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'moe-cli-'));

/** Runs the real `moe-workbench` bin as a user would. */
export function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/moe-workbench.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MOE_WORKBENCH_DATA: dataDir },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('moe-workbench CLI', () => {
  it('--help lists the commands', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: moe-workbench <command>/);
    expect(r.stdout).toMatch(/\binfo\b/);
  });

  it('--json prints machine-readable output of the same service', () => {
    const r = cli('info', '--json');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ name: 'MoE Workbench', transport: 'cli', dataDir });
  });

  it('a bad argument exits non-zero with a message naming it', () => {
    const unknown = cli('info', '--frobnicate', '3');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--frobnicate/);
    const cmd = cli('no-such-command');
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/no-such-command/);
  });
});
