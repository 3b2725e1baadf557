/**
 * Electron end-to-end tests through Playwright's _electron. They need Electron's binary,
 * which the electron package downloads on first run; where it is absent (no network here)
 * they skip and say so.
 */
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, root, SKIP_REASON } from './binary';
import { openPage } from '../fixtures/navigate';

const binary = electronBinary();

test.describe('Electron shell', () => {
  test.skip(!binary, SKIP_REASON);

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
    const surface = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { moe: object }).moe),
      frozen: Object.isFrozen((window as unknown as { moe: object }).moe),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(surface.frozen).toBe(true);
    expect(surface.keys).toContain('app.info');
    expect(surface.require).toBe('undefined');
    expect(surface.process).toBe('undefined');
    const opened = await page.evaluate(() => window.open('https://example.com') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => { window.location.href = 'https://example.com/'; });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^moe-app:\/\/workbench\//);
  });

  test('window size and position are remembered across restarts', async () => {
    await app.firstWindow();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setBounds({ x: 40, y: 50, width: 1111, height: 777 }));
    await app.close();
    app = await electron.launch({ executablePath: binary!, args: [join(root, 'out/main/index.js')], env: { ...process.env, MOE_WORKBENCH_DATA: dataDir } });
    await app.firstWindow();
    const b = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getBounds());
    expect(b).toMatchObject({ width: 1111, height: 777 });
  });

  test('a rejected request shows its message', async () => {
    const page = await app.firstWindow();
    const result = await page.evaluate(() => (window as unknown as { moe: Record<string, (r: unknown) => Promise<unknown>> }).moe['app.info']!({ unexpected: 1 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    // Through the UI: main refuses a repeated expert count and the page says so over the last result.
    await page.getByRole('textbox', { name: /Expert counts/ }).fill('1, 2, 2');
    await expect(page.getByRole('textbox', { name: /Expert counts/ })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('status').filter({ hasText: /Showing the last valid result/ })).toContainText('Expert counts');
  });

  test('a saved scenario survives a restart of the app', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('table', { name: 'Candidates per expert count' })).toBeVisible();
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as scenario' });
    await dialog.getByRole('textbox', { name: 'Scenario name' }).fill('Desktop scenario');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await app.close();
    app = await electron.launch({ executablePath: binary!, args: [join(root, 'out/main/index.js')], env: { ...process.env, MOE_WORKBENCH_DATA: dataDir } });
    const again = await app.firstWindow();
    await openPage(again, 'Scenarios');
    await expect(again.getByRole('table', { name: 'Saved scenarios' }).getByRole('row', { name: /Desktop scenario/ })).toBeVisible();
  });
});
