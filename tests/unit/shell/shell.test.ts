import { describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isTrustedSender } from '../../../src-main/shell/sender';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/page/csp';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState, visibleOn } from '../../../src-main/shell/window-state';

describe('IPC sender check', () => {
  it('trusts only the app page in the top frame', () => {
    expect(isTrustedSender({ url: 'moe-app://workbench/index.html#/compute', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'moe-app://workbench/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://workbench/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'moe-app://evil/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('allows no eval, no inline script and no remote origin', () => {
    for (const csp of [CONTENT_SECURITY_POLICY, metaCsp()]) {
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    }
  });
  it('is the same in index.html as in the response header, directive for directive', () => {
    const header = new Set(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim()));
    for (const d of metaCsp().split(';').map((x) => x.trim())) expect(header.has(d)).toBe(true);
  });
});

function metaCsp(): string {
  const html = readFileSync(resolve(__dirname, '../../../src-renderer/index.html'), 'utf8');
  const m = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!m) throw new Error('index.html has no CSP meta tag');
  return m[1]!;
}

describe('window state', () => {
  it('falls back to the default on a missing or malformed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moe-ws-'));
    expect(loadWindowState(join(dir, 'none.json'))).toEqual(DEFAULT_WINDOW_STATE);
    saveWindowState(join(dir, 'w.json'), { x: 10, y: 20, width: 1400, height: 900, maximized: true });
    expect(loadWindowState(join(dir, 'w.json'))).toEqual({ x: 10, y: 20, width: 1400, height: 900, maximized: true });
  });
  it('drops a position that is off every display', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(visibleOn({ x: 5000, y: 10, width: 800, height: 600, maximized: false }, displays)).toEqual({ width: 800, height: 600, maximized: false });
    expect(visibleOn({ x: 100, y: 100, width: 800, height: 600, maximized: false }, displays).x).toBe(100);
  });
});
