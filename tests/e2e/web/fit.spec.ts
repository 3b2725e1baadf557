/**
 * Issue 8 in the browser: paste runs, see every bad line named, fit in worker threads with a
 * progress bar, read the coefficients, save them as a coefficient set the wizards can use.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

/** Exact runs of L = 1.8 + 480/N^0.35 + 2000/D^0.37, with N in millions and D in billions (header units). */
function runsCsv(extra: string[] = []): string {
  const lines = ['name,params (M),tokens (B),loss'];
  for (const N of [50, 100, 200, 400, 800]) {
    for (const D of [1, 3, 10, 30]) lines.push(`n${N}-d${D},${N},${D},${(1.8 + 480 / (N * 1e6) ** 0.35 + 2000 / (D * 1e9) ** 0.37).toFixed(6)}`);
  }
  return [...lines, ...extra].join('\n') + '\n';
}

/** A small grid around the generating basin (ln A ≈ 6.2, ln B ≈ 7.6, ln E ≈ 0.59) keeps the test quick. */
const SMALL_GRID = 'a: 5, 7\nb: 7, 8\ne: 0.5\nalpha: 0.3, 0.4\nbeta: 0.3, 0.4';

test('fit page: a bad line is named, a valid paste fits, and the fit is saved as a coefficient set', async ({ appPage: page, app }, testInfo) => {
  await openPage(page, 'Fit');
  await expect(page.getByRole('heading', { name: 'Fit', level: 1 })).toBeVisible();
  const csv = page.getByRole('textbox', { name: 'CSV text' });

  // One bad line (line 22: the tokens are not a number): the preview names it, and importing is impossible.
  await csv.fill(runsCsv(['bad,100,lots,3.1']));
  const problems = page.getByRole('alert').filter({ hasText: /problem/ });
  await expect(problems).toContainText('Line 22');
  await expect(problems).toContainText('not a number');
  await expect(page.getByRole('button', { name: 'Start fit' })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('fit-bad-row.png'), fullPage: true });

  // Valid runs: the columns are recognised by header, with their units.
  await csv.fill(runsCsv());
  await expect(page.getByText('20 valid runs.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Variable for column params (M)' })).toHaveValue('nAct');
  await expect(page.getByRole('combobox', { name: 'Unit for column params (M)' })).toHaveValue('M');
  await expect(page.getByRole('combobox', { name: 'Variable for column tokens (B)' })).toHaveValue('tokens');

  // Settings: an edited grid, a few bootstrap replicates.
  await page.getByRole('textbox', { name: /Start grid/ }).fill(SMALL_GRID);
  await expect(page.getByText('16 starts', { exact: false })).toBeVisible();
  await page.getByRole('textbox', { name: /Bootstrap replicates/ }).fill('8');
  await page.getByRole('button', { name: 'Start fit' }).click();

  const bar = page.getByRole('progressbar', { name: 'Fit progress' });
  await expect(bar).toBeVisible();
  const coefficients = page.getByRole('table', { name: 'Fitted coefficients' });
  await expect(coefficients).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');

  // The generating exponents come back from exact data.
  const alpha = Number((await coefficients.getByRole('row', { name: /^alpha/ }).getByRole('cell').first().innerText()).trim());
  const beta = Number((await coefficients.getByRole('row', { name: /^beta/ }).getByRole('cell').first().innerText()).trim());
  expect(alpha).toBeCloseTo(0.35, 2);
  expect(beta).toBeCloseTo(0.37, 2);
  await expect(page.getByRole('table', { name: 'Fit quality' })).toContainText('Train RMSE');
  await expect(page.getByRole('img', { name: 'Predicted against observed loss' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Fitted law over the runs' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('fit-results.png'), fullPage: true });

  // Save: the set is a user fit of the chinchilla law, listed with every other set.
  await page.getByRole('textbox', { name: 'Coefficient set name' }).fill('E2E Chinchilla fit');
  await page.getByRole('button', { name: 'Save as coefficient set' }).click();
  await expect(page.getByRole('region', { name: /Results/ }).getByRole('status')).toContainText('Saved as “E2E Chinchilla fit”');

  const res = await page.request.post(`${app.url}api/coefficients.list`, { headers: { authorization: `Bearer ${app.token}` }, data: { law: 'chinchilla' } });
  const body = (await res.json()) as { ok: boolean; value: { sets: Array<{ id: string; name: string; provenance: string; values: Record<string, number> }> } };
  const set = body.value.sets.find((s) => s.name === 'E2E Chinchilla fit');
  expect(set).toMatchObject({ provenance: 'user-fit' });
  expect(set!.values.alpha).toBeCloseTo(0.35, 2);
  // … and the law channel computes with it.
  const law = await page.request.post(`${app.url}api/law.chinchilla`, { headers: { authorization: `Bearer ${app.token}` }, data: { params: 1e9, tokens: 2e10, coefficientSetId: set!.id } });
  const lawBody = (await law.json()) as { ok: boolean; value: { loss: number } };
  expect(lawBody.value.loss).toBeCloseTo(1.8 + 480 / 1e9 ** 0.35 + 2000 / 2e10 ** 0.37, 3);

  await openPage(page, 'Coefficients');
  await expect(page.getByRole('table', { name: 'Coefficient sets' }).getByRole('row', { name: /E2E Chinchilla fit/ })).toContainText('fitted to your runs');
});

test('fit page: runs imported into a new project are fitted from the project, and a running fit can be cancelled', async ({ appPage: page }) => {
  await openPage(page, 'Fit');
  await page.getByRole('textbox', { name: 'CSV text' }).fill(runsCsv());
  await expect(page.getByText('20 valid runs.')).toBeVisible();
  await page.getByRole('textbox', { name: 'New project name' }).fill('Fit e2e project');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue(/.+/);
  await page.getByRole('button', { name: 'Import runs into project' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 20 runs into “Fit e2e project”' })).toBeVisible();

  // From the project, with the paper's full grid and many bootstrap replicates: long enough to cancel.
  await page.getByRole('radio', { name: /stored in the chosen project/ }).check();
  await page.getByRole('textbox', { name: /Bootstrap replicates/ }).fill('3000');
  await page.getByRole('button', { name: 'Start fit' }).click();
  await expect(page.getByRole('progressbar', { name: 'Fit progress' })).toBeVisible();
  const cancel = page.getByRole('button', { name: 'Cancel fit' });
  await expect(cancel).toBeEnabled();
  await cancel.click();
  await expect(page.getByRole('status').filter({ hasText: 'cancelled' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Fitted coefficients' })).toHaveCount(0);
});
