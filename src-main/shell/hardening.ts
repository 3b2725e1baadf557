/**
 * The window's security settings, one function per trust boundary, so a unit test can hold each
 * against Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security)
 * without an Electron binary. main.ts only wires them up.
 */
import type { WebPreferences } from 'electron';
import { APP_ORIGIN, APP_SCHEME } from './ipc-prefix';

/** The page's web preferences: isolated, sandboxed, no Node, no relaxed web security. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click would otherwise open links in a new window, around the window-open handler.
    disableBlinkFeatures: 'Auxclick',
  };
}

/** What hardenContents needs of a WebContents (so a test can pass a fake). */
export interface ContentsEvents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** The app's own pages: everything else is refused as a navigation target. */
export const isAppUrl = (url: string): boolean => url.startsWith(APP_ORIGIN + '/');

/** Applied to every web contents the app ever creates: no new windows, no leaving the app, no webviews. */
export function hardenContents(contents: ContentsEvents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** What hardenSession needs of a Session. */
export interface SessionHooks {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void;
  webRequest: { onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void };
}

/**
 * No permission is ever granted (camera, notifications, …) and nothing remote loads: only the
 * app's own scheme, devtools, and the page's own blob:/data: URLs (chart images and report
 * downloads it generated).
 */
export function hardenSession(ses: SessionHooks): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  const LOCAL = [`${APP_SCHEME}:`, 'devtools:', `blob:${APP_ORIGIN}/`, 'data:'];
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !LOCAL.some((prefix) => details.url.startsWith(prefix)) });
  });
}
