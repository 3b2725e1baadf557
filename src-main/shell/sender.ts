import { APP_HOST, APP_SCHEME } from './ipc-prefix';

/**
 * True only for the app's own top-level page. Every IPC call is checked with this before its
 * payload is even parsed, so a frame that navigated elsewhere (or an iframe) cannot call main.
 */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  if (!frame || frame.parent) return false;
  try {
    const u = new URL(frame.url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
