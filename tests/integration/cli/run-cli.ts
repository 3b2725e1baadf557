/** Runs the real `moe-workbench` bin as a user would, against a fresh data folder per test file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(__dirname, '../../..');
export const dataDir = mkdtempSync(join(tmpdir(), 'moe-cli-'));

export function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/moe-workbench.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MOE_WORKBENCH_DATA: dataDir },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command with --json, expects success and returns the parsed output. */
export function cliJson(...args: string[]): Record<string, unknown> {
  const r = cli(...args, '--json');
  if (r.code !== 0) throw new Error(`moe-workbench ${args.join(' ')} exited ${r.code}: ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}
