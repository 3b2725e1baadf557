import { test, expect } from '../fixtures/web-app';
import { cliJson } from '../fixtures/cli';
import { openPage } from '../fixtures/navigate';

interface CliFlag { variable?: string; factor?: number; extent?: string }
interface CliPlan { best: { experts: number; flags: CliFlag[] } | null; flags: CliFlag[] }

test('a result shows one extrapolation summary with each quantity and its factor, the sentences behind a disclosure button', async ({ appPage: page, app }) => {
  await openPage(page, 'Compute');
  await page.getByRole('textbox', { name: /Training budget/ }).fill('1e23');
  const cli = cliJson<CliPlan>(app.dataDir, 'plan', 'compute', '--flops', '1e23');
  const worst = [...cli.flags].sort((a, b) => b.factor! - a.factor!)[0]!;
  expect(worst.factor).toBeGreaterThan(10);

  const summary = page.getByRole('group', { name: 'Extrapolation summary' }).first();
  await expect(summary).toContainText('far outside');
  await expect(summary).toContainText(`${worst.factor! < 1e4 ? worst.factor!.toPrecision(3) : worst.factor!.toExponential(2)}×`);
  const details = summary.getByRole('button', { name: 'Details' });
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await expect(summary.getByRole('list', { name: 'Extrapolation warnings' })).toBeHidden();

  // Keyboard: focus the button and press Enter.
  await details.focus();
  await page.keyboard.press('Enter');
  const sentences = summary.getByRole('list', { name: 'Extrapolation warnings' });
  await expect(sentences).toBeVisible();
  await expect(sentences.getByRole('listitem')).toHaveCount(cli.flags.length);
  await expect(summary.getByRole('button', { name: 'Hide details' })).toHaveAttribute('aria-expanded', 'true');
});

test('one switch restricts the candidates to the fitted E values', async ({ appPage: page }) => {
  await openPage(page, 'Compute');
  const table = page.getByRole('table', { name: 'Candidates per expert count' });
  await expect(table.getByRole('rowheader', { name: /^64/ })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Only fitted E values' }).check();
  await expect(table.getByRole('rowheader', { name: /^64/ })).toHaveCount(0);
  await expect(table.getByRole('rowheader', { name: /^32/ })).toBeVisible();
});

test('the dense baseline uses the Epoch replication by default, says which approach, and Hoffmann’s Approach 3 is one click away', async ({ appPage: page }) => {
  await openPage(page, 'Compute');
  const sets = page.getByRole('group', { name: 'Chinchilla coefficients' });
  await expect(sets.getByRole('radio', { name: /Epoch AI replication/ })).toBeChecked();
  await expect(page.getByText(/Epoch AI's replication of Approach 3/)).toBeVisible();
  await sets.getByRole('radio', { name: /Approach 3/ }).check();
  await expect(page.getByText(/not the 70B on 1\.4T of their Approaches 1 and 2/)).toBeVisible();
});

test('the Efficiency Leverage reference design takes its compute as the law defines it and explains the paper’s "over 7×"', async ({ appPage: page }) => {
  await openPage(page, 'Leverage');
  await page.getByRole('button', { name: 'Load Ling-mini-beta reference' }).click();
  await expect(page.getByText(/C = 3·M·D = 5\.033 × 10²¹ FLOPs/)).toBeVisible();
  await expect(page.getByText(/"over 7×" is a measured match, not the law's prediction/)).toBeVisible();
});

test('the paper’s 1.1B example from the Baselines page: dense on 8B tokens, buildable MoEs save 36% and 61% FLOPs per token', async ({ appPage: page }) => {
  await openPage(page, 'Baselines');
  await page.getByRole('textbox', { name: /Total parameters N_total/ }).fill('1.1e9');
  await page.getByRole('checkbox', { name: 'Dense model on its compute-optimal tokens' }).uncheck();
  await page.getByRole('textbox', { name: /Dense training tokens/ }).fill('8e9');
  await page.getByRole('textbox', { name: /Expert counts to test/ }).fill('2, 4');
  const table = page.getByRole('table', { name: 'Dense against MoE at the same total parameter count' });
  // The third cell is the buildable shapes' saving, e.g. "35.8% (1408 × 22)"; the paper rounds to whole percents.
  const buildableSaving = (e: number) => async () =>
    Math.round(parseFloat(await table.getByRole('row', { name: new RegExp(`E = ${e}`) }).getByRole('cell').nth(2).innerText()));
  await expect.poll(buildableSaving(2)).toBe(36);
  await expect.poll(buildableSaving(4)).toBe(61);
  await expect(table.getByRole('row', { name: /Dense/ })).toContainText('8 B'); // planner units: 8e9 tokens read "8 B"
});
