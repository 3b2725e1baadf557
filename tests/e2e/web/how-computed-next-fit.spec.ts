/**
 * "How was this computed?" on the Next runs page and the Fit page, opened from the keyboard: the
 * explanation's figures are the ones the page's tables show (a proposed run's tokens, GPU-hours
 * and loss; the linearised band after the runs; a fitted coefficient, its interval and the fit's
 * RMSE), written in planner units with their formulas and citation.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { seedNextRun } from '../fixtures/seed-next-run';
import { rawNotation } from '../fixtures/planner-units';

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
