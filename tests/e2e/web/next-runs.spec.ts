/**
 * Issue 17, item 3 in the browser: on a project fitted with bootstrap replicates, the Next runs
 * page proposes runs within the allowance as a job with progress, in a table with headers and
 * units, with the band before and after, provenance and flags; a long proposal can be cancelled.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function seed(dataDir: string): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tests/integration/next-run/seed-data-dir.ts'), dataDir], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`seeding failed (${r.status}): ${r.stderr}`);
}

test('next runs page: proposes runs within the allowance with the band before and after, and cancels a long proposal', async ({ appPage: page, app }) => {
  test.setTimeout(180_000);
  await app.restart(seed);
  await openPage(page, 'Next runs');
  await expect(page.getByRole('combobox', { name: 'Project (its stored runs)' })).toContainText('Next-run fixture');
  await expect(page.getByRole('combobox', { name: 'Joint-law fit with bootstrap replicates' })).toContainText('Fixture fit');
  await page.getByRole('textbox', { name: /Target training budget/ }).fill('1e22');
  await page.getByRole('textbox', { name: /GPU-hours for the new runs/ }).fill('2000');
  await page.getByRole('textbox', { name: /Simulated refits/ }).fill('10');
  await page.getByRole('button', { name: 'Propose runs' }).click();

  const runs = page.getByRole('table', { name: 'Proposed runs' });
  await expect(runs).toBeVisible({ timeout: 60_000 });
  for (const header of ['run', 'N_act (parameters)', 'tokens', 'E (experts)', 'GPU-hours', 'band before → after']) {
    await expect(runs.getByRole('columnheader', { name: header, exact: true })).toBeVisible();
  }
  const body = runs.locator('tbody tr');
  expect(await body.count()).toBeGreaterThan(0);
  expect(await body.count()).toBeLessThanOrEqual(3);
  await expect(body.first()).toContainText('GPU-hours');
  await expect(body.first()).toContainText('nats/token');
  const bands = page.getByRole('table', { name: 'Band before and after' });
  await expect(bands.getByRole('rowheader', { name: /10 simulated refits/ })).toBeVisible();
  await expect(page.getByText(/Coefficients: Fixture fit/)).toBeVisible();
  await expect(page.getByRole('group', { name: 'Extrapolation summary' })).toBeVisible();

  // A long proposal shows its progress and stops on Cancel.
  await page.getByRole('textbox', { name: /Simulated refits/ }).fill('500');
  await page.getByRole('button', { name: 'Propose runs' }).click();
  await expect(page.getByRole('progressbar', { name: 'Next-run progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cancelled.' })).toBeVisible({ timeout: 30_000 });
});
