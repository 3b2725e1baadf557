/** "How was this computed?": the disclosure beside the Compute page's recommendation, opened from the keyboard. */
import { test, expect } from '../fixtures/web-app';
import { cliJson } from '../fixtures/cli';
import { openPage } from '../fixtures/navigate';
import { rawNotation } from '../fixtures/planner-units';

test('Compute page: the recommendation’s formula opens by keyboard, with Table 3’s coefficients substituted and the CLI’s loss', async ({ appPage: page, app }) => {
  await openPage(page, 'Compute');
  await page.getByRole('textbox', { name: /Training budget/ }).fill('1×10^22');
  await expect(page.getByText('= 1.0 × 10²² FLOPs ≈', { exact: false })).toBeVisible();
  const cli = cliJson<{ best: { experts: number; loss: number } }>(app.dataDir, 'plan', 'compute', '--flops', '1e22');
  const best = page.getByRole('table', { name: 'Candidates per expert count' }).getByRole('row', { name: /\(best\)/ });
  await expect(best.getByRole('rowheader')).toHaveText(new RegExp(`^${cli.best.experts}\\b`));

  const button = page.getByRole('button', { name: /How was this computed\? \(the recommended design\)/ });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');

  const region = page.getByRole('region', { name: 'How the recommended design was computed' });
  const optimum = region.getByRole('table', { name: `Joint MoE law: compute-optimal N_act and D at E = ${cli.best.experts}: formulas with your values` });
  await expect(optimum).toBeVisible();
  await expect(region).toContainText('L_opt = a·Ê^δ·N_opt^(α + γ·ln Ê) + b·Ê^ω·D_opt^(β + ζ·ln Ê) + c');
  // Eq. 5's m = a·Ê^δ with Table 3's a = 35.91 and δ = −0.2285 substituted.
  const m = optimum.getByRole('row', { name: /^m / });
  await expect(m.getByRole('cell').nth(0)).toHaveText('a·Ê^δ');
  await expect(m.getByRole('cell').nth(1)).toHaveText(/^35\.91·\d+(\.\d+)?\^\(−0\.2285\)$/);
  // The loss at the optimum is the CLI's recommended loss, to the four digits shown.
  const loss = optimum.getByRole('row', { name: /^L_opt / }).getByRole('cell').nth(2);
  await expect(loss).toHaveText(`${Number(cli.best.loss.toPrecision(4))} nats/token`);
  await expect(region).toContainText('arXiv:2502.05172');
  await expect(region.getByRole('table', { name: /^Training compute/ })).toContainText('6·N_act·D');
  expect(rawNotation(await region.innerText())).toEqual([]);

  // Closed again from the keyboard.
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(region).toBeHidden();
});

test('Baselines page: each Chinchilla set’s dense optimum shows Eq. 4 of Hoffmann et al. with its own coefficients', async ({ appPage: page }) => {
  await openPage(page, 'Baselines');
  const button = page.getByRole('button', { name: /How was this computed\? \(the dense optimum, / }).first();
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const region = page.getByRole('region', { name: /^How the dense optimum, .* was computed$/ }).first();
  await expect(region).toContainText('N_opt = G·(F/6)^(β/(α + β))');
  await expect(region).toContainText('Eq. 4 of Hoffmann et al.');
  // Either published set's α, as its paper prints it: 0.34 (Hoffmann et al.) or 0.3478 (Besiroglu et al.).
  await expect(region).toContainText(/α = 0\.34(78)?\b/);
  expect(rawNotation(await region.innerText())).toEqual([]);
});
