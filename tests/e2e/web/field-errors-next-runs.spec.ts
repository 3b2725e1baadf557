/**
 * The field-error walk (tests/e2e/fixtures/field-walk.ts) on the Next runs page, which the other
 * pages' walk does not reach: its answer is a job started by "Propose runs", so a value that reads
 * locally is sent by pressing it, and Save needs a proposal that answers the inputs as they are.
 * Every numeric field (target budget, GPU-hours, utilisation, runs, refits and the candidate grid)
 * given a value the main side refuses must say so at the field, in its words, and stop Save.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { seedNextRun } from '../fixtures/seed-next-run';
import { walk } from '../fixtures/field-walk';

/** A proposal for the inputs as they are, unless Save already has one (it is refused only for a reason the walk checks). */
async function proposed(page: Page): Promise<void> {
  const save = page.getByRole('button', { name: 'Save as scenario' });
  if (await save.isEnabled()) return;
  if ((await page.locator('#save-blocked').count()) > 0) return;
  await page.getByRole('button', { name: 'Propose runs' }).click();
  await expect(page.getByRole('table', { name: 'Proposed runs' })).toBeVisible({ timeout: 60_000 });
}

test('Next runs: every numeric field given a value the main side refuses says so at the field, in its words, and stops Save', async ({ appPage: page, app }) => {
  test.setTimeout(600_000);
  await app.restart(seedNextRun);
  await openPage(page, 'Next runs');
  await expect(page.getByRole('combobox', { name: 'Joint-law fit with bootstrap replicates' })).toContainText('Fixture fit');
  // The linearised band only: each proposal the walk needs stays short.
  await page.getByRole('textbox', { name: /Simulated refits/ }).fill('0');
  const walked = new Set<string>();
  const problems = await walk(page, 'Next runs', walked, {
    // A value the field reads is the main side's to refuse: it hears of it when a proposal is asked for.
    afterFill: async (p, field) => {
      if ((await field.getAttribute('aria-invalid')) !== 'true') await p.getByRole('button', { name: 'Propose runs' }).click();
    },
    ready: proposed,
  });
  for (const label of ['Target training budget', 'GPU-hours for the new runs', 'Utilisation', 'Most runs', 'Simulated refits', 'Candidate N_act', 'Candidate tokens per parameter', 'Candidate expert counts']) {
    expect([...walked].some((k) => k.endsWith(`› ${label}`)), `walked ${label}`).toBe(true);
  }
  expect(problems).toEqual([]);
});
