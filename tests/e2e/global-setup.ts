import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { electronBinary, SKIP_REASON } from './electron/binary';

/**
 * Bundles the CLI and the browser-mode server from the current sources (the web fixture runs
 * out/cli/web.js, the CLI fixture the bin), and says once, up front, why the Electron tests
 * will skip on this machine.
 */
export default function globalSetup(): void {
  const script = fileURLToPath(new URL('../../build/bundle-cli.mjs', import.meta.url));
  const b = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`bundling the CLI and the web server failed: ${b.stderr}`);
  if (!electronBinary()) console.log(`[electron e2e] skipping: ${SKIP_REASON}`);
}
