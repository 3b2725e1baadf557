/**
 * The window's security settings, item by item against Electron's security checklist
 * (electronjs.org/docs/latest/tutorial/security). No Electron binary runs here, so each setting
 * is checked on the function main.ts passes to Electron, with fakes for WebContents and Session.
 */
import { describe, expect, it } from 'vitest';
import { hardenContents, hardenSession, secureWebPreferences, type ContentsEvents, type SessionHooks } from '../../../src-main/shell/hardening';

const prefs = secureWebPreferences('/app/out/preload/preload.cjs');

describe('web preferences (checklist items 2, 3, 4, 6, 8, 9, 10, 11)', () => {
  it('2. Node.js integration is off for the page, its workers and its frames', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('3. context isolation is on', () => expect(prefs.contextIsolation).toBe(true));
  it('4. the renderer is sandboxed', () => expect(prefs.sandbox).toBe(true));
  it('6. web security is not disabled', () => expect(prefs.webSecurity).toBe(true));
  it('8. insecure content is not allowed to run', () => expect(prefs.allowRunningInsecureContent).toBe(false));
  it('9. experimental features are off', () => expect(prefs.experimentalFeatures).toBe(false));
  it('10. no Blink feature is enabled (one is disabled: middle-click opening windows)', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });
  it('11. the <webview> tag is off', () => expect(prefs.webviewTag).toBe(false));
  it('a drop never navigates the window, and the preload is the one given', () => {
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
  });
  it('sets nothing else (a new relaxing option must be added here on purpose)', () => {
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'preload',
        'contextIsolation',
        'sandbox',
        'nodeIntegration',
        'nodeIntegrationInWorker',
        'nodeIntegrationInSubFrames',
        'webSecurity',
        'allowRunningInsecureContent',
        'experimentalFeatures',
        'webviewTag',
        'navigateOnDragDrop',
        'spellcheck',
        'disableBlinkFeatures',
      ].sort(),
    );
  });
});

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents: ContentsEvents = {
    setWindowOpenHandler: (h) => void (openHandler = h),
    on: (event: string, listener: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(event, listener),
  } as ContentsEvents;
  hardenContents(contents);
  const prevented = (event: string, url?: string) => {
    let stopped = false;
    const l = listeners.get(event);
    if (!l) throw new Error(`no ${event} listener`);
    l({ preventDefault: () => void (stopped = true) }, url);
    return stopped;
  };
  return { open: (url: string) => openHandler!({ url }).action, prevented };
}

describe('web contents (checklist items 11, 12, 13)', () => {
  const c = fakeContents();
  it('13. no new window opens, whatever the URL', () => {
    for (const url of ['https://example.com/', 'moe-app://workbench/index.html', 'file:///etc/passwd', 'javascript:alert(1)']) expect(c.open(url)).toBe('deny');
  });
  it('12. navigation and redirects stay inside the app', () => {
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(c.prevented(event, 'moe-app://workbench/index.html#/fit')).toBe(false);
      for (const url of ['https://example.com/', 'moe-app://evil/index.html', 'moe-app://workbench.evil/x', 'file:///tmp/x.html', 'http://127.0.0.1:5173/']) {
        expect(c.prevented(event, url), `${event} ${url}`).toBe(true);
      }
    }
  });
  it('11. a webview is never attached', () => expect(c.prevented('will-attach-webview')).toBe(true));
});

describe('session (checklist items 1, 5)', () => {
  let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | undefined;
  let check: ((wc: unknown, p: string) => boolean) | undefined;
  let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
  const ses: SessionHooks = {
    setPermissionRequestHandler: (h) => void (request = h),
    setPermissionCheckHandler: (h) => void (check = h),
    webRequest: { onBeforeRequest: (l) => void (before = l) },
  };
  hardenSession(ses);
  it('5. every permission request and check is refused', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      let granted: boolean | undefined;
      request!(null, p, (g) => (granted = g));
      expect(granted, p).toBe(false);
      expect(check!(null, p), p).toBe(false);
    }
  });
  it('1. only the app’s own content loads: nothing remote, not even over https', () => {
    const cancelled = (url: string) => {
      let c: boolean | undefined;
      before!({ url }, (r) => (c = r.cancel));
      return c;
    };
    for (const url of ['moe-app://workbench/index.html', 'moe-app://workbench/assets/index.js', 'devtools://devtools/bundled/x.html', 'blob:moe-app://workbench/1234', 'data:image/png;base64,AAAA']) {
      expect(cancelled(url), url).toBe(false);
    }
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'blob:https://example.com/1', 'ws://localhost/']) {
      expect(cancelled(url), url).toBe(true);
    }
  });
});
