/**
 * A fit saved from the Fit page explains itself on the Coefficients page, from the fit record
 * kept with the set: "How was this computed?" writes the fitted law at the run with the largest
 * error (its loss recomputed here from the set's values as the page lists them and the run's N and
 * D, LAWS.md §5), the fit quality the Fit page showed, and the procedure. Editing the values
 * drops the record, and with it the disclosure.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { figureNumber, rawNotation } from '../fixtures/planner-units';

/** L = 1.75 + 420/N^0.33 + 1800/D^0.36 (N in millions, D in billions in the header), each loss off by a fixed ±0.2 %. */
const SIZES = [60, 120, 240, 480];
const DATA = [1, 4, 16];
const given = (N: number, D: number, i: number) => (1.75 + 420 / (N * 1e6) ** 0.33 + 1800 / (D * 1e9) ** 0.36) * (1 + 0.002 * Math.cos(i));
function runsCsv(): string {
  const lines = ['name,params (M),tokens (B),loss'];
  let i = 0;
  for (const N of SIZES) for (const D of DATA) lines.push(`m${N}-t${D},${N},${D},${given(N, D, ++i).toFixed(6)}`);
  return lines.join('\n') + '\n';
}
const num = figureNumber;

test('a saved fit explains its coefficients on the Coefficients page until its values are edited by hand', async ({ appPage: page }) => {
  await openPage(page, 'Fit');
  await page.getByRole('textbox', { name: 'CSV text' }).fill(runsCsv());
  await expect(page.getByText('12 valid runs.')).toBeVisible();
  await page.getByRole('textbox', { name: /Start grid/ }).fill('a: 5, 7\nb: 7, 8\ne: 0.5\nalpha: 0.3, 0.4\nbeta: 0.3, 0.4');
  await page.getByRole('button', { name: 'Start fit' }).click();
  await expect(page.getByRole('table', { name: 'Fitted coefficients' })).toBeVisible({ timeout: 60_000 });
  const rmse = (await page.getByRole('table', { name: 'Fit quality' }).getByRole('row', { name: /^Train RMSE/ }).getByRole('cell').innerText()).trim();
  await page.getByRole('textbox', { name: 'Coefficient set name' }).fill('E2E saved fit');
  await page.getByRole('button', { name: 'Save as coefficient set' }).click();

  await openPage(page, 'Coefficients');
  await page.getByRole('button', { name: 'Show E2E saved fit' }).click();
  const values = page.getByRole('table', { name: 'Values of E2E saved fit' });
  const k = async (name: string) => num(await values.getByRole('row', { name: new RegExp(`^${name} `) }).getByRole('cell').innerText());
  const [A, B, E, alpha, beta] = [await k('A'), await k('B'), await k('E'), await k('alpha'), await k('beta')];

  const button = page.getByRole('button', { name: 'How was this computed? (this set’s fitted coefficients)' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const region = page.getByRole('region', { name: 'How this set’s fitted coefficients were computed' });
  await expect(region.getByRole('note').first()).toContainText('12 runs from pasted text');
  const value = (table: ReturnType<typeof region.getByRole>, symbol: string) => table.getByRole('row', { name: new RegExp(`^${symbol} `) }).getByRole('cell').nth(2);
  const law = region.getByRole('table', { name: /^The fitted law at “m\d+-t\d+” \(the run with the largest error\).*formulas with your values$/ });
  await expect(law).toBeVisible();
  await expect(law.getByRole('row', { name: /^L / }).getByRole('cell').first()).toHaveText('E + A/N^α + B/D^β');
  const [, N, D] = /“m(\d+)-t(\d+)”/.exec((await law.getAttribute('aria-label'))!)!.map(Number) as [number, number, number];
  const L = E + A / (N * 1e6) ** alpha + B / (D * 1e9) ** beta;
  expect(Math.abs(num(await value(law, 'L').innerText()) / L - 1)).toBeLessThan(1e-3);
  await expect(value(region.getByRole('table', { name: /^Fit quality: Huber objective \(δ = 0\.001\).*formulas with your values$/ }), 'RMSE_train')).toHaveText(rmse);
  await expect(value(region.getByRole('table', { name: /^Fitting procedure: .*formulas with your values$/ }), 'starts')).toHaveText('16');
  expect(rawNotation(await region.innerText())).toEqual([]);

  // A hand edit: the values are no longer the fit's, so the set no longer says a fit computed them.
  await page.getByRole('button', { name: 'Edit values' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'drops the fit record' })).toBeVisible();
  await page.getByRole('textbox', { name: 'E', exact: true }).fill(String(E + 0.01));
  await page.getByRole('button', { name: 'Save values' }).click();
  await expect(page.getByRole('button', { name: 'Edit values' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^How was this computed\?/ })).toHaveCount(0);
});
