import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { countText, lossText, powerText, sigText } from '../fixtures/planner-units';
import type { Locator } from '@playwright/test';

/** FLOPs as the page writes them: "3.2 × 10²²". */
const sci = (x: number) => powerText(x);

/** Chinchilla's compute-optimal split under F = 6·N·D (Hoffmann et al. 2022, Approach 3 form). */
function chinchillaOptimum(c: { A: number; B: number; E: number; alpha: number; beta: number }, flops: number) {
  const G = ((c.alpha * c.A) / (c.beta * c.B)) ** (1 / (c.alpha + c.beta));
  const params = G * (flops / 6) ** (c.beta / (c.alpha + c.beta));
  const tokens = flops / (6 * params);
  return { params, tokens, loss: c.E + c.A / params ** c.alpha + c.B / tokens ** c.beta };
}

/** The cell of `row` under the column header that contains `column`. */
async function cell(table: Locator, row: RegExp, column: string): Promise<Locator> {
  // Polled: the columns appear only once the page has listed the coefficient sets.
  const indexOf = async () => (await table.getByRole('columnheader').allInnerTexts()).findIndex((h) => h.includes(column));
  await expect.poll(indexOf, { message: `column ${column}` }).toBeGreaterThan(0);
  const index = await indexOf();
  return table.getByRole('row', { name: row }).getByRole('cell').nth(index - 1);
}

const BUDGET = 5.76e23; // Chinchilla's own training budget

test('baselines page: Chinchilla optima per published set, and dense vs MoE only where calibrated', async ({ appPage: page }, testInfo) => {
  await openPage(page, 'Baselines');
  await page.getByRole('textbox', { name: /Training budget/ }).fill('5.76e23');

  // Chinchilla: one column per published set, each checked against the closed form.
  const chinchilla = page.getByRole('table', { name: 'Chinchilla compute-optimal dense model' });
  const published = {
    hoffmann2022: { A: 406.4, B: 410.7, E: 1.69, alpha: 0.34, beta: 0.28, cites: 'Hoffmann et al.' },
    besiroglu2024: { A: 482.01, B: 2085.43, E: 1.8172, alpha: 0.3478, beta: 0.3658, cites: 'Besiroglu et al.' },
  };
  for (const [id, c] of Object.entries(published)) {
    const want = chinchillaOptimum(c, BUDGET);
    await expect(await cell(chinchilla, /Parameters N/, id)).toContainText(`${countText(want.params)} parameters`);
    await expect(await cell(chinchilla, /^Tokens D /, id)).toContainText(`${countText(want.tokens)} tokens`);
    await expect(await cell(chinchilla, /Tokens per parameter/, id)).toContainText(`${sigText(want.tokens / want.params, 3)} tokens/parameter`);
    await expect(await cell(chinchilla, /Training FLOPs/, id)).toContainText(`${sci(BUDGET)} FLOPs`);
    await expect(await cell(chinchilla, /Predicted loss/, id)).toContainText(`${lossText(want.loss)} nats/token`);
    await expect(await cell(chinchilla, /Source/, id)).toContainText(c.cites);
  }
  // Chinchilla's 70B on 1.4T tokens is about 20 tokens per parameter; Approach 3 is known to ask for more data.
  expect(chinchillaOptimum(published.hoffmann2022, BUDGET).tokens / chinchillaOptimum(published.hoffmann2022, BUDGET).params).toBeGreaterThan(20);

  // Dense vs MoE, nothing calibrated: the published exponents and the 16.37% gain, never an absolute number.
  const allocation = page.getByRole('table', { name: 'Dense vs MoE compute-optimal allocation' });
  await expect(await cell(allocation, /N_opt exponent/, 'Dense')).toHaveText('0.507');
  await expect(await cell(allocation, /N_opt exponent/, 'MoE')).toHaveText('0.590');
  await expect(await cell(allocation, /D_opt exponent/, 'MoE')).toHaveText('0.410');
  const gain = ((0.59 - 0.507) / 0.507) * 100;
  expect(gain.toFixed(2)).toBe('16.37');
  await expect(allocation.getByRole('row', { name: /Data-utilisation gain/ })).toContainText(`${sigText(gain, 3)}%`);
  for (const arch of ['Dense', 'MoE']) {
    for (const row of [/N_opt at C/, /D_opt at C/]) await expect(await cell(allocation, row, arch)).not.toHaveText(/\d/);
  }
  await expect(page.getByText(/MoE not calibrated\..*calibrate it with one compute-optimal point/)).toBeVisible();

  // Calibrate dense with one compute-optimal run: C₀ = 1e22 FLOPs on D₀ = 2e11 tokens, so N₀ = C₀/D₀.
  const dense = page.getByRole('group', { name: 'Dense calibration' });
  await dense.getByRole('radio', { name: 'One compute-optimal point' }).check();
  await dense.getByRole('textbox', { name: /Budget of the known run/ }).fill('1e22');
  await dense.getByRole('radio', { name: /D_opt/ }).check();
  await dense.getByRole('textbox', { name: /D_opt at C₀/ }).fill('2e11');
  const [c0, d0] = [1e22, 2e11];
  const n0 = c0 / d0;
  // N_opt = k·C^0.507 with k = N₀/C₀^0.507; D_opt = C/N_opt keeps C = N·D.
  const nOpt = (n0 / c0 ** 0.507) * BUDGET ** 0.507;
  const dOpt = BUDGET / nOpt;
  expect(dOpt).toBeCloseTo(d0 * (BUDGET / c0) ** 0.493, -6);
  await expect(await cell(allocation, /N_opt at C/, 'Dense')).toHaveText(`${sci(nOpt)} FLOPs per token`);
  await expect(await cell(allocation, /D_opt at C/, 'Dense')).toContainText(`${countText(dOpt)} tokens`);
  await expect(await cell(allocation, /Calibrated from/, 'Dense')).toHaveText('one compute-optimal point');
  // MoE stays uncalibrated: still no number, still the reason.
  await expect(await cell(allocation, /N_opt at C/, 'MoE')).not.toHaveText(/\d/);
  await expect(await cell(allocation, /D_opt at C/, 'MoE')).not.toHaveText(/\d/);
  await expect(page.getByText(/MoE not calibrated\./)).toBeVisible();
  await expect(page.getByText(/Dense not calibrated\./)).toHaveCount(0);
  await expect(allocation.getByRole('row', { name: /Data-utilisation gain/ })).toContainText('16.4%');
  await expect(page.getByRole('img', { name: 'Compute-optimal N_opt and D_opt over training budgets' })).toBeVisible();
  await expect(page.getByText('Dense vs MoE allocation exponents (needs calibration)').last()).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath('baselines.png'), fullPage: true });
});

test('baselines page: a fit calibrates from its own exponents, and a value the server rejects is named', async ({ appPage: page }) => {
  await openPage(page, 'Baselines');
  await page.getByRole('textbox', { name: /Training budget/ }).fill('1e23');
  const allocation = page.getByRole('table', { name: 'Dense vs MoE compute-optimal allocation' });

  // MoE from a fit of L = A/(N^α·E^γ) + B/D^β + σ: for fixed E, A' = A/E^γ and with C = N·D
  // N_opt = (α·A'/(β·B))^(1/(α+β)) · C^(β/(α+β)).
  const moe = page.getByRole('group', { name: 'MoE calibration' });
  await moe.getByRole('radio', { name: 'A fit of your runs' }).check();
  const fit = { A: 500, B: 400, alpha: 0.3, beta: 0.35, sigma: 1.7, gamma: 0.2, experts: 16 };
  for (const [label, value] of [['A', fit.A], ['B', fit.B], ['α', fit.alpha], ['β', fit.beta], ['σ', fit.sigma], ['γ', fit.gamma], ['E', fit.experts]] as const) {
    await moe.getByRole('textbox', { name: new RegExp(`^${label} \\(`) }).fill(String(value));
  }
  const aEff = fit.A / fit.experts ** fit.gamma;
  const nOpt = ((fit.alpha * aEff) / (fit.beta * fit.B)) ** (1 / (fit.alpha + fit.beta)) * 1e23 ** (fit.beta / (fit.alpha + fit.beta));
  await expect(await cell(allocation, /N_opt at C/, 'MoE')).toHaveText(`${sci(nOpt)} FLOPs per token`);
  await expect(await cell(allocation, /D_opt at C/, 'MoE')).toContainText(`${countText(1e23 / nOpt)} tokens`);
  await expect(await cell(allocation, /N_opt exponent/, 'MoE')).toHaveText((fit.beta / (fit.alpha + fit.beta)).toFixed(3));
  await expect(await cell(allocation, /Calibrated from/, 'MoE')).toHaveText('your fit');

  // α = 6 passes the field (any positive number) but the contract allows at most 5: the message
  // shows at the α field, which is marked invalid, and the last valid result stays.
  const alpha = moe.getByRole('textbox', { name: /^α \(/ });
  await alpha.fill('6');
  await expect(alpha).toHaveAttribute('aria-invalid', 'true');
  await expect(moe.getByRole('alert').filter({ hasText: 'α must be at most 5' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Showing the last valid result.' }).first()).toContainText('“α” is marked invalid');
  await expect(await cell(allocation, /N_opt at C/, 'MoE')).toHaveText(`${sci(nOpt)} FLOPs per token`);

  // γ may be negative (the contract allows −5…5): the field accepts it and the optimum follows.
  await moe.getByRole('textbox', { name: /^α \(/ }).fill(String(fit.alpha));
  const gamma = moe.getByRole('textbox', { name: /^γ \(/ });
  await gamma.fill('-0.1');
  await expect(gamma).toHaveAttribute('aria-invalid', 'false');
  const nOptNeg = ((fit.alpha * fit.A * fit.experts ** 0.1) / (fit.beta * fit.B)) ** (1 / (fit.alpha + fit.beta)) * 1e23 ** (fit.beta / (fit.alpha + fit.beta));
  await expect(await cell(allocation, /N_opt at C/, 'MoE')).toHaveText(`${sci(nOptNeg)} FLOPs per token`);
});

test('baselines page: the calibration choice works from the keyboard', async ({ appPage: page }) => {
  await openPage(page, 'Baselines');
  const dense = page.getByRole('group', { name: 'Dense calibration' });
  await dense.getByRole('radio', { name: 'Not calibrated' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(dense.getByRole('radio', { name: 'One compute-optimal point' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(dense.getByRole('textbox', { name: /Budget of the known run/ })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1e21');
  const allocation = page.getByRole('table', { name: 'Dense vs MoE compute-optimal allocation' });
  // Defaults: D₀ = 2e11 tokens at C₀ = 1e21, read at the default budget of 1e22.
  const nOpt = (1e21 / 2e11 / 1e21 ** 0.507) * 1e22 ** 0.507;
  await expect(allocation.getByRole('row', { name: /N_opt at C/ }).getByRole('cell').first()).toHaveText(`${sci(nOpt)} FLOPs per token`);
});

test('baselines page: the joint law\'s rule of thumb holds for E ≤ 8 at a fixed total size', async ({ appPage: page }) => {
  await openPage(page, 'Baselines');
  await page.getByRole('textbox', { name: /Total parameters N_total/ }).fill('2e9');
  await page.getByRole('textbox', { name: /Expert counts to test/ }).fill('2, 4, 8');
  const table = page.getByRole('table', { name: 'Dense against MoE at the same total parameter count' });
  await expect(table).toContainText('N_total = 2 B parameters');
  const count = (text: string) => Number(/^([\d.]+)/.exec(text)![1]) * { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[/([KMBT])$/.exec(text.trim())![1] as 'K' | 'M' | 'B' | 'T'];
  const denseTokens = count(await (await cell(table, /^Dense/, 'Tokens')).innerText());
  for (const e of [2, 4, 8]) {
    const row = new RegExp(`^E = ${e} `);
    // Ludziejewski et al. 2025, Sec. 4.5: with E times the dense model's tokens, the MoE of the same total size wins.
    await expect(await cell(table, row, 'Beats dense')).toHaveText('yes');
    const tokens = count(await (await cell(table, row, 'Tokens')).innerText());
    expect(Math.abs(tokens / (e * denseTokens) - 1)).toBeLessThan(0.01);
  }
  // Fewer active parameters as E grows, at the same total.
  const active = async (e: number) => count(await (await cell(table, new RegExp(`^E = ${e} `), 'Active params')).innerText());
  expect(await active(8)).toBeLessThan(await active(4));
  expect(await active(4)).toBeLessThan(await active(2));
  await expect(page.getByRole('region', { name: 'Rule of thumb at a fixed total size' })).toContainText('arXiv:2502.05172');
});
