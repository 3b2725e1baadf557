import { test, expect } from '../fixtures/web-app';
import { cliJson } from '../fixtures/cli';
import { openPage } from '../fixtures/navigate';

test('leverage page: the EL of a design matches the CLI, and the paper\'s EL > 7 point holds', async ({ appPage: page, app }, testInfo) => {
  await openPage(page, 'Leverage');
  await page.getByRole('radio', { name: 'Activation ratio and granularity' }).check();
  await page.getByRole('textbox', { name: /Activation ratio A/ }).fill('0.031');
  await page.getByRole('textbox', { name: /Granularity G/ }).fill('12');
  await page.getByRole('textbox', { name: /Training compute C/ }).fill('1e22');
  const cli = cliJson<{ el: number }>(app.dataDir, 'law', 'leverage', '--activation', '0.031', '--granularity', '12', '--flops', '1e22');
  expect(cli.el).toBeGreaterThan(7);
  const row = page.getByRole('table', { name: 'Efficiency leverage' }).getByRole('row', { name: /Efficiency leverage EL/ });
  await expect(row).toContainText(`${cli.el.toFixed(2)}×`);
  await expect(page.getByRole('img', { name: 'Efficiency leverage over activation ratio and granularity' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('leverage.png'), fullPage: true });
});

test('architecture page: shows the paper\'s optima for a 30B model', async ({ appPage: page }, testInfo) => {
  await openPage(page, 'Architecture');
  await page.getByRole('textbox', { name: /Total parameters N/ }).fill('30e9');
  const table = page.getByRole('table', { name: 'Optimal architecture' });
  await expect(table.getByRole('row', { name: /G_opt/ })).toContainText('6.78');
  await expect(table.getByRole('row', { name: /S_opt/ })).toContainText('0.31');
  await expect(table.getByRole('row', { name: /theoretical/ })).toContainText(/40\.\d%/);
  await page.screenshot({ path: testInfo.outputPath('architecture.png'), fullPage: true });
});
