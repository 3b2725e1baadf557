import { electronBinary, SKIP_REASON } from './electron/binary';

/** Says once, up front, why the Electron tests will skip on this machine. */
export default function globalSetup(): void {
  if (!electronBinary()) console.log(`[electron e2e] skipping: ${SKIP_REASON}`);
}
