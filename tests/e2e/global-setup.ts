import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, SKIP_REASON } from './electron/binary';
import { SEED_CACHE_ENV } from './fixtures/seed-next-run';

/**
 * Brings the CLI and browser-mode bundle up to date with the current sources (the web fixture
 * runs out/cli/web.js, the CLI fixture the bin): `npm test` has just built it, so this only
 * checks its stamp (build/bundle-cli.mjs --if-stale); run alone, it rebuilds what changed. And it
 * says once, up front, why the Electron tests will skip on this machine. It makes the run's
 * folder of seeded data-folder templates (fixtures/seed-next-run.ts), which workers find through
 * the environment, and returns the teardown that removes it.
 */
export default function globalSetup(): () => void {
  const script = fileURLToPath(new URL('../../build/bundle-cli.mjs', import.meta.url));
  const b = spawnSync(process.execPath, [script, '--if-stale'], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`bundling the CLI and the web server failed: ${b.stderr}`);
  if (!electronBinary()) console.log(`[electron e2e] skipping: ${SKIP_REASON}`);
  const seeds = mkdtempSync(join(tmpdir(), 'moe-e2e-seeds-'));
  process.env[SEED_CACHE_ENV] = seeds;
  return () => rmSync(seeds, { recursive: true, force: true });
}
