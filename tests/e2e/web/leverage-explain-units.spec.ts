/**
 * The Leverage page writes Efficiency Leverage the same way in its table and in "How was this
 * computed?": the explanation's EL row reads exactly as the page's cell ("7.24×" for A = 3.1%,
 * G = 12 at 10²² FLOPs, Tian et al.'s "EL above 7" point), never the bare four-digit "7.245".
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

test('Leverage page: the explanation’s EL reads exactly as the page’s, a multiple to three digits', async ({ appPage: page }) => {
  await openPage(page, 'Leverage');
  await page.getByRole('radio', { name: 'Activation ratio and granularity' }).check();
  await page.getByRole('textbox', { name: /Activation ratio A/ }).fill('0.031');
  await page.getByRole('textbox', { name: /Granularity G/ }).fill('12');
  await page.getByRole('textbox', { name: /Training compute C/ }).fill('1e22');
  const cell = page.getByRole('table', { name: 'Efficiency leverage' }).getByRole('row', { name: /Efficiency leverage EL/ }).getByRole('cell');
  // Eq. 13 with Table 2's coefficients gives 7.2449 here (worked out in tests/integration/cli/leverage-by-hand.ts).
  await expect(cell).toHaveText('7.24×');

  const button = page.getByRole('button', { name: 'How was this computed? (efficiency leverage)' });
  await button.click();
  const region = page.getByRole('region', { name: 'How efficiency leverage was computed' });
  const formulas = region.getByRole('table', { name: /^Efficiency Leverage: formulas with your values$/ });
  const el = formulas.getByRole('row', { name: /^EL / }).getByRole('cell');
  await expect(el.nth(2)).toHaveText(await cell.innerText());
  await expect(formulas.getByRole('row', { name: /^C_dense / }).getByRole('cell').nth(1)).toHaveText('7.24·(1.0 × 10²²)');
  await expect(region).not.toContainText('7.245');
});
