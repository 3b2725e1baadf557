/** The three planning tasks, each ending in a Deploy section with a layout, per-device memory, days and dollars. */
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/web-app';
import { cliJson } from '../fixtures/cli';
import { openPage } from '../fixtures/navigate';
import { groupedText, moneyText } from '../fixtures/planner-units';

const deploy = (page: Page) => page.getByRole('region', { name: 'Deploy' });
const design = (page: Page) => deploy(page).getByRole('region', { name: 'Recommended design' });

test('1e22 FLOPs on 512 H100s: a layout, per-device memory, days and dollars as the CLI computes them', async ({ appPage: page, app }, testInfo) => {
  await openPage(page, 'Compute');
  await page.getByRole('textbox', { name: /Training budget/ }).fill('1e22');
  const d = deploy(page);
  await d.getByRole('combobox', { name: 'Training hardware' }).selectOption('h100-sxm');
  await d.getByRole('textbox', { name: /Training devices/ }).fill('512');
  await d.getByRole('textbox', { name: /Price per device-hour/ }).fill('2.5');
  const cli = cliJson<{ timeCost: { wallClockDays: number; gpuHours: number } }>(app.dataDir, 'plan', 'compute', '--flops', '1e22', '--hardware', 'h100-sxm', '--devices', '512', '--price', '2.5');
  const time = design(page).getByRole('table', { name: /Training the design on 512 × NVIDIA H100/ });
  const cells = time.getByRole('row').nth(1).getByRole('cell');
  await expect(cells.nth(0)).toHaveText(groupedText(cli.timeCost.gpuHours));
  await expect(cells.nth(1)).toHaveText(groupedText(cli.timeCost.wallClockDays));
  // The price is the test's own: cost = GPU-hours × $2.50, written by the money rule (3 significant digits, grouped).
  await expect(cells.nth(2)).toHaveText(moneyText(cli.timeCost.gpuHours * 2.5));
  expect(cli.timeCost.wallClockDays).toBeLessThan(30);
  await expect(design(page).getByText(/Layout that fits: ZeRO-/)).toBeVisible();
  await expect(design(page).getByRole('table', { name: 'Training memory per device' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('deploy-512-h100.png'), fullPage: true });
});

test('serve on one 8×H100 node with GQA-8 and a 32k context', async ({ appPage: page }, testInfo) => {
  await openPage(page, 'Memory');
  const d = deploy(page);
  await d.getByRole('combobox', { name: 'Serving hardware' }).selectOption('8xh100');
  // A node profile counts nodes: one node is eight devices.
  const nodes = d.getByRole('textbox', { name: /Serving nodes/ });
  await nodes.fill('1');
  await d.getByRole('combobox', { name: 'Attention layout for the check' }).selectOption('gqa');
  await d.getByRole('textbox', { name: /KV heads/ }).fill('8');
  await d.getByRole('textbox', { name: /Context length/ }).fill('32768');
  const serving = design(page).getByRole('table', { name: /Serving memory per device/ });
  await expect(serving).toBeVisible();
  await expect(design(page).getByRole('heading', { name: 'Serving on one 8x NVIDIA H100 SXM node (8 devices)' })).toBeVisible();
  await expect(design(page)).toContainText('grouped-query attention (8 KV heads × 128) chosen for this deployment check');
  await expect(serving.getByRole('row', { name: /KV cache/ })).toBeVisible();
  // The serving degrees are the user's to choose; a TP that does not divide the heads is refused at its field.
  await d.getByRole('textbox', { name: /Serving TP/ }).fill('2');
  await d.getByRole('textbox', { name: /Serving EP/ }).fill('2');
  await expect(design(page).getByRole('table', { name: /Serving memory per device, TP 2, EP 2,/ })).toBeVisible();
  await d.getByRole('textbox', { name: /Serving TP/ }).fill('3');
  await expect(d.getByRole('textbox', { name: /Serving TP/ })).toHaveAttribute('aria-invalid', 'true');
  await expect(d.getByText(/^Serving TP 3 does not divide the \d+ attention heads/).first()).toBeVisible();
  await d.getByRole('textbox', { name: /Serving TP/ }).fill('');
  // The design served on the node is trained somewhere: days and dollars on the training cluster.
  await d.getByRole('combobox', { name: 'Training hardware' }).selectOption('h100-sxm');
  await d.getByRole('textbox', { name: /Training devices/ }).fill('512');
  await d.getByRole('textbox', { name: /Price per device-hour/ }).fill('2.5');
  const time = design(page).getByRole('table', { name: /Training the design on 512 × NVIDIA H100/ });
  const cells = time.getByRole('row').nth(1).getByRole('cell');
  await expect(cells.nth(2)).toHaveText(/^\$[\d,]+$/);
  const [hours = '', days = '', cost = ''] = (await cells.allTextContents()).map((t) => t.trim());
  expect(days).toMatch(/^\d[\d,]*(\.\d+)?$/);
  // Cost = GPU-hours × $2.50; both are written to three significant digits, so each may be off by half a unit in the third digit (≤ 0.5 % apiece).
  const gpuHours = Number(hours.replaceAll(',', ''));
  const dollars = Number(cost.replace(/[$,]/g, ''));
  expect(dollars).toBeGreaterThan(0);
  expect(Math.abs(dollars - 2.5 * gpuHours)).toBeLessThanOrEqual(dollars * 0.01);
  await page.screenshot({ path: testInfo.outputPath('deploy-serve-node.png'), fullPage: true });
});

test('train on 64 H100s with ZeRO-1', async ({ appPage: page }) => {
  await openPage(page, 'Compute');
  await page.getByRole('textbox', { name: /Training budget/ }).fill('1e21');
  const d = deploy(page);
  await d.getByRole('combobox', { name: 'Training hardware' }).selectOption('h100-sxm');
  await d.getByRole('textbox', { name: /Training devices/ }).fill('64');
  await d.getByRole('combobox', { name: 'ZeRO stage' }).selectOption('1');
  await expect(design(page).getByText(/Layout that fits: ZeRO-1, TP \d+, PP \d+, EP \d+/)).toBeVisible();
  await expect(design(page).getByRole('table', { name: /Training the design on 64 × NVIDIA H100/ })).toBeVisible();
});

test('the Memory wizard caps by the serving cache of the chosen attention layout, says which is in force, and agrees with the CLI', async ({ appPage: page, app }, testInfo) => {
  type Best = { best: { experts: number; loss: number } };
  const args = ['plan', 'memory', '--flops', '1e23', '--hardware', 'h100-sxm', '--usable-fraction', '0.9'];
  const mha = cliJson<Best>(app.dataDir, ...args);
  const gqa = cliJson<Best>(app.dataDir, ...args, '--attention', 'gqa', '--kv-heads', '8', '--head-dim', '128');
  // The layout matters here: a GQA-8 cache leaves room for a different best E than MHA's.
  expect(gqa.best.experts).not.toBe(mha.best.experts);

  await openPage(page, 'Memory');
  await page.getByRole('textbox', { name: /Training budget/ }).fill('1e23');
  const cap = page.getByRole('group', { name: 'Memory budget' });
  await expect(cap.getByRole('note', { name: 'KV-cache convention in force' })).toContainText('multi-head attention, the joint law’s convention');
  const bestRow = page.getByRole('table', { name: 'Candidates per expert count' }).getByRole('row', { name: /\(best\)/ });
  await expect(bestRow.getByRole('rowheader')).toHaveText(new RegExp(`^${mha.best.experts}\\b`));

  await cap.getByRole('combobox', { name: 'KV cache laid out as' }).selectOption('gqa');
  await cap.getByRole('textbox', { name: /KV heads/ }).fill('8');
  await cap.getByRole('textbox', { name: /Head dimension/ }).fill('128');
  await expect(cap.getByRole('note', { name: 'KV-cache convention in force' })).toContainText('In force for the cap: grouped-query attention: 2·L·8·128 values per token');
  await expect(bestRow.getByRole('rowheader')).toHaveText(new RegExp(`^${gqa.best.experts}\\b`));
  await expect(bestRow.getByRole('cell').nth(2)).toHaveText(gqa.best.loss.toFixed(4));
  await expect(page.getByRole('note', { name: 'KV-cache convention', exact: true })).toContainText('laid out as grouped-query attention (8 KV heads × 128');
  await page.screenshot({ path: testInfo.outputPath('memory-cap-gqa.png'), fullPage: true });
});
