import { test, expect } from '../fixtures/web-app';

test('the app loads, every page is reachable from the navigation, by keyboard too', async ({ appPage: page }, testInfo) => {
  const nav = page.getByRole('navigation', { name: 'Pages' });
  await expect(page.getByRole('heading', { level: 1, name: 'Compute' })).toBeVisible();
  for (const name of ['Memory', 'Inference', 'Leverage', 'Architecture', 'Baselines', 'Scenarios', 'Fit', 'Hardware', 'Coefficients', 'About']) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
  // Keyboard: focus the Memory link by tabbing and follow it with Enter.
  await page.keyboard.press('Tab'); // skip link
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Memory');
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Memory' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('memory-page.png') });
});

test('the About page reads app information over the contract', async ({ appPage: page, app }) => {
  await page.getByRole('link', { name: 'About' }).click();
  const table = page.getByRole('table', { name: 'Application' });
  await expect(table.getByRole('row', { name: /Transport/ })).toContainText('web');
  await expect(table.getByRole('row', { name: /Data folder/ })).toContainText(app.dataDir);
});

test('the API refuses calls without the token (401) or from another origin (403)', async ({ app, request }) => {
  const noToken = await request.post(`${app.url}api/app.info`, { data: {} });
  expect(noToken.status()).toBe(401);
  const wrongOrigin = await request.post(`${app.url}api/app.info`, {
    data: {},
    headers: { authorization: `Bearer ${app.token}`, origin: 'http://evil.example' },
  });
  expect(wrongOrigin.status()).toBe(403);
  const ok = await request.post(`${app.url}api/app.info`, { data: {}, headers: { authorization: `Bearer ${app.token}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).value.transport).toBe('web');
});

test('the token is taken from the URL once and removed from the address bar', async ({ appPage: page }) => {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await page.getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('table', { name: 'Application' })).toBeVisible();
});
