/**
 * Electron end-to-end tests through Playwright's _electron. They need Electron's binary,
 * which the electron package downloads on first run; where it is absent (no network here)
 * they skip and say so.
 */
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

function electronBinary(): string | null {
  const dir = join(root, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const binary = electronBinary();
const skipReason = 'No Electron binary: node_modules/electron/dist is missing (Electron downloads it on first run, and this machine has no network). Run "npm start" once on a networked machine.';

test.describe('Electron shell', () => {
  test.skip(!binary, skipReason);
  if (!binary) console.log(`[electron e2e] skipped: ${skipReason}`);

  let app: ElectronApplication;
  let dataDir: string;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'moe-electron-'));
    app = await electron.launch({
      executablePath: binary!,
      args: [join(root, 'out/main/index.js')],
      env: { ...process.env, MOE_WORKBENCH_DATA: dataDir },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('window is hardened and the preload exposes only the contract', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1, name: 'Compute' })).toBeVisible();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      return w.webContents.getLastWebPreferences();
    });
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    const surface = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { moe: object }).moe),
      frozen: Object.isFrozen((window as unknown as { moe: object }).moe),
      require: typeof (window as unknown as { require?: unknown }).require,
    }));
    expect(surface.frozen).toBe(true);
    expect(surface.keys).toContain('app.info');
    expect(surface.require).toBe('undefined');
    const opened = await page.evaluate(() => window.open('https://example.com') === null);
    expect(opened).toBe(true);
  });

  test('a rejected request shows its message', async () => {
    const page = await app.firstWindow();
    const result = await page.evaluate(() => (window as unknown as { moe: Record<string, (r: unknown) => Promise<unknown>> }).moe['app.info']!({ unexpected: 1 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
