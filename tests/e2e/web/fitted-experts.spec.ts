/**
 * Issue 13's leftover: the sweeps and the optimal-E table follow the plans' "Only fitted E values"
 * switch (the joint law was fitted on E = 1…32, engine/joint/fitted-domain.ts), and the table
 * flags a design outside the fitted runs with the quantity and factor, as the plans' candidates do.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

test('the optimal-E table and the sweeps keep to the fitted E values when asked, and flag extrapolated cells', async ({ appPage: page }) => {
  await openPage(page, 'Memory');
  const table = page.getByRole('table', { name: 'Optimal expert count by training budget and device' });
  await expect(table.getByRole('cell').filter({ hasText: /^\s*E = 64\b/ }).first()).toBeVisible({ timeout: 30_000 });
  // E = 64 is twice the largest fitted E: its cells say so, with the factor.
  await expect(table.getByRole('cell').filter({ hasText: /E = 64/ }).first()).toContainText(/×/);
  await page.getByRole('checkbox', { name: 'Only fitted E values' }).check();
  await expect(table.getByRole('caption')).toContainText('only the E values the law was fitted on are considered');
  await expect(table.getByRole('cell').filter({ hasText: /E = 64/ })).toHaveCount(0);
  await expect(table.getByRole('cell').filter({ hasText: /E = 32/ }).first()).toBeVisible();
  const sweep = page.getByRole('figure', { name: /memory budget per expert count/ });
  await expect(sweep.locator('svg text').filter({ hasText: /^E = 64$/ })).toHaveCount(0);
  await expect(sweep.locator('svg text').filter({ hasText: /^E = 32$/ }).first()).toBeAttached();

  await openPage(page, 'Compute');
  const iso = page.getByRole('figure', { name: /iso-FLOP line/ });
  await expect(iso.locator('svg text').filter({ hasText: /^E = 64$/ })).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'Only fitted E values' }).check();
  await expect(iso.locator('svg text').filter({ hasText: /^E = 64$/ })).toHaveCount(0);
  await expect(iso.locator('svg text').filter({ hasText: /^E = 32$/ })).toHaveCount(1);
});
