/**
 * Issue 17 in the browser: a plan's band is drawn on its chart where the table states it, and a
 * band of many bootstrap replicates runs as a job with progress and cancel.
 *
 * The data folder holds two fits of the same synthetic runs (tests/integration/next-run/fixture.ts):
 * "Fixture fit" with 40 replicates (its band comes inline) and "Band fixture" with 300 (above the
 * 200 that stay inline, so its band is a job). For the job, the server runs with
 * MOE_BAND_WORKER_HOLD_AFTER=3: the band's worker parks after re-solving 30 of the 300
 * replicates, so the test sees it running and cancels it without racing a band that would end first.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function seed(dataDir: string): void {
  for (const args of [[], ['300', 'Band fixture']]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tests/integration/next-run/seed-data-dir.ts'), dataDir, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`seeding failed (${r.status}): ${r.stderr}`);
  }
}

async function restartSeeded(app: { restart(between?: (dataDir: string) => void): Promise<void> }, holdAfter: number | null): Promise<void> {
  if (holdAfter !== null) process.env.MOE_BAND_WORKER_HOLD_AFTER = String(holdAfter);
  try {
    await app.restart(seed);
  } finally {
    delete process.env.MOE_BAND_WORKER_HOLD_AFTER;
  }
}

async function chooseSet(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Coefficient set' }).selectOption({ label: `${name} (yours)` });
}

test('a band of 300 replicates runs as a job: progress, cancel, and the plan stays without its band', async ({ appPage: page, app }) => {
  test.setTimeout(180_000);
  await restartSeeded(app, 3);
  await openPage(page, 'Compute');
  await chooseSet(page, 'Band fixture');
  const job = page.getByRole('group', { name: 'Uncertainty band job' });
  const bar = job.getByRole('progressbar', { name: 'Band progress' });
  await expect(bar).toBeVisible({ timeout: 30_000 });
  // 30 of 300 replicates re-solved when the worker parks.
  await expect(bar).toHaveAttribute('aria-valuenow', '10');
  await expect(job).toContainText('Bootstrap replicates re-solved: 30 of 300');
  // The plan itself is already there.
  await expect(page.getByRole('status').filter({ hasText: /E = \d+/ }).first()).toBeVisible();
  await job.getByRole('button', { name: 'Cancel band' }).click();
  await expect(job.getByRole('status')).toHaveText(/^Band cancelled after 30 of 300 replicates: the plan stands without its band\.$/);
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Uncertainty of the recommendation' })).toHaveCount(0);
  await expect(job.getByRole('button', { name: 'Compute the band' })).toBeVisible();
});

test('the Target page answers first and fills in its bootstrap band when the band job ends', async ({ appPage: page, app }) => {
  test.setTimeout(180_000);
  await restartSeeded(app, null);
  await openPage(page, 'Target');
  await page.getByRole('combobox', { name: 'Joint-law coefficient set' }).selectOption({ label: 'Band fixture (yours)' });
  const sure = page.getByRole('listitem').filter({ hasText: /^Joint MoE law:/ });
  await expect(sure).toContainText(/90 % band over \d+ bootstrap refits of your runs/, { timeout: 60_000 });
  await expect(page.getByRole('group', { name: 'Uncertainty band job' })).toHaveCount(0);
  const row = page.getByRole('table', { name: 'Cheapest design per law' }).getByRole('row').filter({ hasText: 'Joint MoE law' }).filter({ hasText: 'Training FLOPs' }).first();
  await expect(row).toContainText(/wins: E = \d+ in \d+ %/);
});
