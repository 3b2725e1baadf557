/**
 * "How was this computed?" beside the Target page's "Cheapest design per law": each row's serving
 * memory, device-hours and money are the values its explanation arrives at, and the explanation's
 * money is its device-hours times the price typed in, its device-hours the FLOPs over what one
 * H100 SXM device-hour delivers (989.4 TFLOPS × utilisation × 3600 s, worked out here).
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { rawNotation } from '../fixtures/planner-units';

/** "3,540", "$8,840", "8.46 GiB" → 3540, 8840, 8.46. */
const num = (text: string) => Number(/[\d,.]+/.exec(text)![0].replace(/,/g, ''));

test('Target page: each winner’s serving memory, device-hours and money come with their formulas', async ({ appPage: page }) => {
  await openPage(page, 'Target');
  await page.getByRole('textbox', { name: /Lifetime inference tokens/ }).fill('2e12');
  await page.getByRole('combobox', { name: 'Hardware (device-hours and money)' }).selectOption('h100-sxm');
  await page.getByRole('textbox', { name: /Price per device-hour/ }).fill('2.5');
  const table = page.getByRole('table', { name: 'Cheapest design per law' });
  const row = table.getByRole('row', { name: /Joint MoE law Serving memory/ });
  await expect(table.getByRole('row', { name: /Joint MoE law Money/ })).toBeVisible();
  // Cells: E, N_act / N_total, tokens, training FLOPs, serving memory, device-hours / money, band.
  const cells = row.getByRole('cell');
  const experts = (await cells.nth(0).innerText()).trim();
  const memory = (await cells.nth(4).innerText()).trim();
  const [hours, money] = (await cells.nth(5).innerText()).split('/').map((t) => t.trim()) as [string, string];

  await page.getByRole('button', { name: 'How was this computed? (the cheapest design per law)' }).click();
  const region = page.getByRole('region', { name: 'How the cheapest design per law was computed' });
  const formulas = region.getByRole('table', { name: new RegExp(`^Joint MoE law, cheapest in serving memory: E = ${experts},.*formulas with your values$`) });
  await expect(formulas).toBeVisible();
  const cell = (symbol: string, i: number) => formulas.getByRole('row', { name: new RegExp(`^${symbol.replace(/\$/g, '\\$')} `) }).getByRole('cell').nth(i);
  await expect(cell('M', 2)).toHaveText(memory);
  expect(num(await cell('H', 2).innerText())).toBe(num(hours));
  await expect(cell('$', 2)).toHaveText(money);
  await expect(cell('$', 0)).toHaveText('H·p_h');
  // $ = H × 2.5, and H_train = F_train / (989.4 TFLOPS × 0.4 × 3600 s): H100 SXM's datasheet peak and its default utilisation.
  expect(Math.abs(num(money) / (num(hours) * 2.5) - 1)).toBeLessThan(0.01);
  const fTrain = await cell('F_train', 2).innerText();
  const m = /([\d.]+) × 10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/.exec(fTrain)!;
  const flops = Number(m[1]) * 10 ** Number([...m[2]!].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)).join(''));
  const hTrain = num(await cell('H_train', 2).innerText());
  expect(Math.abs(hTrain / (flops / (989.4e12 * 0.4 * 3600)) - 1)).toBeLessThan(0.06);
  // Every winner of every law has its explanation.
  const rows = await table.locator('tbody tr').filter({ has: page.getByRole('cell') }).count();
  await expect(region.getByRole('table', { name: /cheapest in .*formulas with your values$/ })).toHaveCount(rows);
  expect(rawNotation(await region.innerText())).toEqual([]);
});
