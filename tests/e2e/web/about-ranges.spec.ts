/**
 * The About page's fitted ranges name each variable as a reader knows it — in words, with its
 * symbol — never by a field id (it read "nAct" and "tokensPerParam", with the unit "1").
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

test('the fitted ranges name their variables in words and symbols, and a ratio has no unit "1"', async ({ appPage: page }) => {
  await openPage(page, 'About');
  const joint = page.getByRole('table', { name: /^Fitted range of the joint/i });
  // LAWS.md names D/N_act "tokens per active parameter"
  await expect(joint.getByRole('rowheader', { name: 'Tokens per active parameter (D/N_act)' })).toBeVisible();
  // cells: minimum, maximum, unit, note
  await expect(joint.getByRole('row', { name: /Tokens per active parameter/ }).getByRole('cell').nth(2)).toHaveText('a ratio (no unit)');
  const headers = await page.getByRole('table', { name: /^Fitted range of/ }).getByRole('rowheader').allTextContents();
  expect(headers.length).toBeGreaterThanOrEqual(15);
  // no camelCase field id (nAct, tokensPerParam, activeExperts…)
  for (const h of headers) expect(h).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b/);
});
