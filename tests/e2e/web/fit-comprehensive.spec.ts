/**
 * The comprehensive law on the Fit page: G and S are offered in the column mapping (marked
 * required) only when the law needs them; mapped columns reach the preview, the project import,
 * and the project's stored-run count.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

/** Headers the importer does not recognise for G and S, so they must be mapped by hand. */
const CSV = ['run,nact,ntotal,tokens,topk,shared pct,loss', 'a,1e8,8e8,1e10,8,25,3.1', 'b,2e8,1e9,2e10,4,50,2.9', 'c,1e8,1e8,1e10,1,0,3.3'].join('\n') + '\n';

test('fit page: G and S are mapped for the comprehensive law and kept with the project runs', async ({ appPage: page }, testInfo) => {
  await openPage(page, 'Fit');
  await page.getByRole('textbox', { name: 'CSV text' }).fill(CSV);
  const topk = page.getByRole('combobox', { name: 'Variable for column topk' });
  await expect(topk).toBeVisible();
  // Chinchilla needs neither: not offered
  await expect(topk.locator('option[value="activatedExperts"]')).toHaveCount(0);
  await expect(topk.locator('option[value="sharedRatio"]')).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Law' }).selectOption('comprehensive');
  const problems = page.getByRole('alert').filter({ hasText: /problem/ });
  await expect(problems).toContainText('no column for activatedExperts');
  await expect(topk.locator('option[value="activatedExperts"]')).toHaveText('Activated experts G (required)');
  await topk.selectOption('activatedExperts');
  const shared = page.getByRole('combobox', { name: 'Variable for column shared pct' });
  await shared.selectOption('sharedRatio');
  await page.getByRole('combobox', { name: 'Unit for column shared pct' }).selectOption('%');
  await expect(page.getByText('3 valid runs.')).toBeVisible();
  const sample = page.getByRole('table', { name: 'First runs, in raw units' });
  await expect(sample.getByRole('columnheader', { name: /^G/ })).toBeVisible();
  await expect(sample.getByRole('row', { name: /^a / })).toContainText('0.25');
  await page.screenshot({ path: testInfo.outputPath('fit-comprehensive-mapping.png'), fullPage: true });

  await page.getByRole('textbox', { name: 'New project name' }).fill('Comprehensive e2e');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('button', { name: 'Import runs into project' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 3 runs into “Comprehensive e2e”' })).toBeVisible();
  await expect(page.getByText('3 runs stored')).toBeVisible();
  await expect(page.getByText(/without G or S/)).toHaveCount(0);
});
