/**
 * Issue 17, item 3 in the browser: on a project fitted with bootstrap replicates, the Next runs
 * page proposes runs within the allowance as a job with progress, in a table with headers and
 * units, with the band before and after, provenance and flags; a long proposal can be cancelled.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { seedNextRun } from '../fixtures/seed-next-run';
import { saveAsScenario } from '../fixtures/save-scenario';

test('next runs page: proposes runs within the allowance with the band before and after, and cancels a long proposal', async ({ appPage: page, app }) => {
  await app.restart(seedNextRun);
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

test('next runs page: a proposal on a custom grid is saved into the project, and opening it from Scenarios restores every input; a grid value the planner refuses is shown at its field', async ({ appPage: page, app }) => {
  await app.restart(seedNextRun);
  await openPage(page, 'Next runs');
  await expect(page.getByRole('combobox', { name: 'Joint-law fit with bootstrap replicates' })).toContainText('Fixture fit');
  // The default grid is there to edit: 50 M–1.6 B active parameters doubling, 5–80 tokens per parameter, E = 1–32.
  const nAct = page.getByRole('textbox', { name: /Candidate N_act/ });
  await expect(nAct).toHaveValue('5 × 10⁷, 1 × 10⁸, 2 × 10⁸, 4 × 10⁸, 8 × 10⁸, 1.6 × 10⁹');
  await expect(page.getByRole('textbox', { name: /Candidate expert counts/ })).toHaveValue('1, 2, 4, 8, 16, 32');

  // A value below the contract's 10⁶ parameters reads locally, is refused by the main side, and is shown at its field.
  await nAct.fill('1e5, 1e8');
  await page.getByRole('button', { name: 'Propose runs' }).click();
  await expect(nAct).toHaveAttribute('aria-invalid', 'true');
  const describedBy = ((await nAct.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  await expect.poll(async () => (await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).innerText()))).join(' ')).toMatch(/Candidate N_act must be at least 1000000 parameters/);
  await expect(page.getByRole('table', { name: 'Proposed runs' })).toHaveCount(0);
  // A range the field cannot read is refused as it is typed.
  await nAct.fill('4e8:1e8:2');
  await expect(page.getByRole('alert').filter({ hasText: 'the range ends (1e8) below where it starts (4e8)' })).toBeVisible();

  await nAct.fill('1e8:4e8:2');
  await expect(nAct).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('textbox', { name: /Candidate tokens per parameter/ }).fill('10, 40');
  await page.getByRole('textbox', { name: /Candidate expert counts/ }).fill('1, 8');
  await page.getByRole('textbox', { name: /GPU-hours for the new runs/ }).fill('1500');
  await page.getByRole('textbox', { name: /Most runs/ }).fill('2');
  await page.getByRole('textbox', { name: /Simulated refits/ }).fill('6');
  await page.getByRole('button', { name: 'Propose runs' }).click();
  const rows = page.getByRole('table', { name: 'Proposed runs' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  expect(await rows.count()).toBeLessThanOrEqual(2);
  for (const text of await rows.allTextContents()) expect(text).toMatch(/^\s*\d\s*(100 M|200 M|400 M)/);

  await saveAsScenario(page, 'Next-run fixture', 'Ablations before the 1e22 run');

  // Change the page, then reopen the saved proposal: its inputs come back.
  await page.getByRole('textbox', { name: /GPU-hours for the new runs/ }).fill('900');
  await nAct.fill('5e7');
  await openPage(page, 'Scenarios');
  const row = page.getByRole('table', { name: 'Saved scenarios' }).getByRole('row', { name: /Ablations before the 1e22 run/ });
  await expect(row).toContainText('next-run');
  await expect(row).toContainText('Next-run fixture');
  await row.getByRole('button', { name: 'Open Ablations before the 1e22 run' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Next runs' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /GPU-hours for the new runs/ })).toHaveValue('1500');
  await expect(page.getByRole('textbox', { name: /Most runs/ })).toHaveValue('2');
  await expect(page.getByRole('textbox', { name: /Simulated refits/ })).toHaveValue('6');
  await expect(page.getByRole('textbox', { name: /Candidate N_act/ })).toHaveValue('1 × 10⁸, 2 × 10⁸, 4 × 10⁸');
  await expect(page.getByRole('textbox', { name: /Candidate tokens per parameter/ })).toHaveValue('10, 40');
  await expect(page.getByRole('textbox', { name: /Candidate expert counts/ })).toHaveValue('1, 8');
  await expect(page.getByRole('combobox', { name: 'Joint-law fit with bootstrap replicates' })).toHaveValue(/.+/);
  await expect(page.getByRole('button', { name: 'Update “Ablations before the 1e22 run”' })).toBeVisible();
});
