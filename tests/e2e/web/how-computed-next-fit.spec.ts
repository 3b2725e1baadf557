/**
 * "How was this computed?" on the Next runs page and the Fit page, opened from the keyboard: the
 * explanation's figures are the ones the page's tables show (a proposed run's tokens, GPU-hours
 * and loss; the linearised band after the runs; a fitted coefficient, its interval and the fit's
 * RMSE), written in planner units with their formulas and citation.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { seedNextRun } from '../fixtures/seed-next-run';
import { figureNumber, rawNotation } from '../fixtures/planner-units';

test('Next runs page: each proposed run and the band before and after come with their formulas', async ({ appPage: page, app }) => {
  await app.restart(seedNextRun);
  await openPage(page, 'Next runs');
  await expect(page.getByRole('combobox', { name: 'Joint-law fit with bootstrap replicates' })).toContainText('Fixture fit');
  await page.getByRole('textbox', { name: /Target training budget/ }).fill('1e22');
  await page.getByRole('textbox', { name: /GPU-hours for the new runs/ }).fill('2000');
  await page.getByRole('textbox', { name: /Simulated refits/ }).fill('4');
  await page.getByRole('button', { name: 'Propose runs' }).click();
  const runs = page.getByRole('table', { name: 'Proposed runs' });
  await expect(runs).toBeVisible({ timeout: 60_000 });
  // Cells of run 1: N_act, tokens, E, GPU-hours, predicted loss, band.
  const first = runs.locator('tbody tr').first().getByRole('cell');
  const [tokens, hours, loss] = [await first.nth(1).innerText(), await first.nth(3).innerText(), await first.nth(4).innerText()];
  const linearAfter = await page.getByRole('table', { name: 'Band before and after' }).getByRole('row', { name: /^linearised law/ }).getByRole('cell').nth(1).innerText();

  const button = page.getByRole('button', { name: 'How was this computed? (the next-run proposal)' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const region = page.getByRole('region', { name: 'How the next-run proposal was computed' });
  const run1 = region.getByRole('table', { name: /^Proposed run 1: E = \d+, .*formulas with your values$/ });
  await expect(run1).toBeVisible();
  const row = (table: typeof run1, symbol: string) => table.getByRole('row', { name: new RegExp(`^${symbol.replace(/\$/g, '\\$')} `) });
  const value = (table: typeof run1, symbol: string) => row(table, symbol).getByRole('cell').nth(2);
  await expect(value(run1, 'D')).toHaveText(`${tokens} tokens`);
  await expect(value(run1, 'H')).toHaveText(hours);
  await expect(value(run1, 'L')).toHaveText(`${loss} nats/token`);
  await expect(row(run1, 'F').getByRole('cell').first()).toHaveText('6·N_act·D');
  // The linearised band after the runs is the page's, its ends ±z·√V around the recommendation's loss.
  const band = region.getByRole('table', { name: /^Band before and after the \d proposed runs?: linearised law.*formulas with your values$/ });
  const [low, high] = linearAfter.split('–').map((t) => t.replace('nats/token', '').trim()) as [string, string];
  await expect(value(band, 'L_lo,after')).toHaveText(`${low} nats/token`);
  await expect(value(band, 'L_hi,after')).toHaveText(`${high} nats/token`);
  await expect(region.getByRole('table', { name: /simulated refits \(seed 1\): Each world’s error/ })).toHaveCount(2);
  await expect(region.getByText(/Chaloner & Verdinelli 1995/).first()).toBeVisible();
  expect(rawNotation(await region.innerText())).toEqual([]);
});

/** L = 1.8 + 480/N^0.35 + 2000/D^0.37 (N in millions, D in billions in the header), each loss off by a fixed ±0.3 % so the bootstrap spreads. */
function runsCsv(): string {
  const lines = ['name,params (M),tokens (B),loss'];
  let i = 0;
  for (const N of [50, 100, 200, 400, 800]) {
    for (const D of [1, 3, 10, 30]) lines.push(`n${N}-d${D},${N},${D},${((1.8 + 480 / (N * 1e6) ** 0.35 + 2000 / (D * 1e9) ** 0.37) * (1 + 0.003 * Math.sin(++i))).toFixed(6)}`);
  }
  return lines.join('\n') + '\n';
}
const num = figureNumber;

test('Fit page: the fitted law at a run, the fit quality, the intervals and the starts come with their formulas', async ({ appPage: page }) => {
  await openPage(page, 'Fit');
  await page.getByRole('textbox', { name: 'CSV text' }).fill(runsCsv());
  await expect(page.getByText('20 valid runs.')).toBeVisible();
  await page.getByRole('textbox', { name: /Start grid/ }).fill('a: 5, 7\nb: 7, 8\ne: 0.5\nalpha: 0.3, 0.4\nbeta: 0.3, 0.4');
  await page.getByRole('textbox', { name: /Bootstrap replicates/ }).fill('8');
  await page.getByRole('button', { name: 'Start fit' }).click();
  const coefficients = page.getByRole('table', { name: 'Fitted coefficients' });
  await expect(coefficients).toBeVisible({ timeout: 60_000 });
  const rmse = (await page.getByRole('table', { name: 'Fit quality' }).getByRole('row', { name: /^Train RMSE/ }).getByRole('cell').innerText()).trim();
  const alphaLow = num(await coefficients.getByRole('row', { name: /^alpha/ }).getByRole('cell').nth(1).innerText());

  const button = page.getByRole('button', { name: 'How was this computed? (the fit’s coefficients, intervals and quality)' });
  await button.focus();
  await page.keyboard.press('Enter');
  const region = page.getByRole('region', { name: 'How the fit’s coefficients, intervals and quality were computed' });
  const value = (table: ReturnType<typeof region.getByRole>, symbol: string) => table.getByRole('row', { name: new RegExp(`^${symbol.replace(/[()]/g, '\\$&')} `) }).getByRole('cell').nth(2);
  const law = region.getByRole('table', { name: /^The fitted law at “n\d+-d\d+” \(the run with the largest error\).*formulas with your values$/ });
  await expect(law).toBeVisible();
  await expect(law.getByRole('row', { name: /^L / }).getByRole('cell').first()).toHaveText('E + A/N^α + B/D^β');
  const quality = region.getByRole('table', { name: /^Fit quality: Huber objective \(δ = 0\.001\).*formulas with your values$/ });
  await expect(value(quality, 'RMSE_train')).toHaveText(rmse);
  const intervals = region.getByRole('table', { name: /^Bootstrap intervals and standard deviations of the 5 coefficients over \d replicates: formulas with your values$/ });
  expect(Math.abs(num(await value(intervals, 'alpha_lo').innerText()) / alphaLow - 1)).toBeLessThan(1e-3);
  await expect(value(region.getByRole('table', { name: /^Fitting procedure: .*formulas with your values$/ }), 'starts')).toHaveText('16');
  await expect(region.getByText(/Besiroglu et al\., "Chinchilla Scaling: A replication attempt"/).first()).toBeVisible();
  expect(rawNotation(await region.innerText())).toEqual([]);
  // Any run can be written out: its predicted loss within a few tenths of a percent of the loss it was given.
  await page.getByRole('combobox', { name: 'Run whose predicted loss and residual are written out' }).selectOption({ label: 'n100-d3 (train)' });
  const picked = region.getByRole('table', { name: /^The fitted law at “n100-d3” \(the run asked about\).*formulas with your values$/ });
  const given = (1.8 + 480 / 1e8 ** 0.35 + 2000 / 3e9 ** 0.37) * (1 + 0.003 * Math.sin(6));
  expect(Math.abs(num(await value(picked, 'L').innerText()) / given - 1)).toBeLessThan(0.01);
});
