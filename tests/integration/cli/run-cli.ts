/**
 * Runs `moe-workbench` commands in-process through the CLI's own `runCli` (the same parsing,
 * dispatch and printing as the bin, without a process per call), against a fresh data folder
 * per test file. The bin itself is spawned only by bin.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { captureIo, runCli } from '../../../src-main/cli/run';
import { lazyStore } from '../../../src-main/services/store-access';
import { APP_VERSION } from '../../../src-main/services/app-version';
import type { ServiceContext } from '../../../src-main/services';

export const root = resolve(__dirname, '../../..');
export const dataDir = mkdtempSync(join(tmpdir(), 'moe-cli-'));

const access = lazyStore(dataDir);
export const ctx: ServiceContext = { transport: 'cli', dataDir, appVersion: APP_VERSION, store: access.store };
afterAll(() => access.close());

/** Runs one command line; `stdin` is what the command reads from standard input. */
export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(args, ctx);
}

export async function cliWithStdin(stdin: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(args, ctx, captureIo(stdin));
}

/** Runs a command with --json, expects success and returns the parsed output. */
export async function cliJson(...args: string[]): Promise<Record<string, any>> {
  const r = await cli(...args, '--json');
  if (r.code !== 0) throw new Error(`moe-workbench ${args.join(' ')} exited ${r.code}: ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout) as Record<string, any>;
}
