/** "How was this computed?" for any cell of the Leverage contours: the reader picks A and G from the grid and gets that cell's Eq. 13 first. */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { rawNotation } from '../fixtures/planner-units';

test('Leverage page: a contour cell picked by activation ratio and granularity is written out first', async ({ appPage: page }) => {
  await openPage(page, 'Leverage');
  const a = page.getByRole('combobox', { name: 'Contour cell to explain: activation ratio A' });
  const g = page.getByRole('combobox', { name: 'granularity G' });
  await expect(a.locator('option')).toHaveCount(32);
  await a.selectOption({ index: 8 });
  await g.selectOption({ index: 20 });
  const aText = (await a.locator('option:checked').innerText()).trim();
  const gText = (await g.locator('option:checked').innerText()).trim();
  await page.getByRole('button', { name: 'How was this computed? (the leverage contours)' }).click();
  const region = page.getByRole('region', { name: 'How the leverage contours were computed' });
  const first = region.getByRole('heading', { level: 3 }).first();
  await expect(first).toHaveText(`Contour cell, your cell: EL at A = ${aText}, G = ${gText}`);
  await expect(region.getByRole('heading', { level: 3 })).toHaveCount(6);
  expect(rawNotation(await region.innerText())).toEqual([]);
});
