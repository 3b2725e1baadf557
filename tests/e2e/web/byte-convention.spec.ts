/**
 * Issue 12, item 1: memory is written in the reader's chosen convention everywhere it appears —
 * the plan table's memory columns included — and the convention is stated once, in the navigation
 * column. The expected figures are the CLI's bytes divided here by 2³⁰ or 10⁹.
 */
import { test, expect } from '../fixtures/web-app';
import { cliJson } from '../fixtures/cli';
import { openPage } from '../fixtures/navigate';
import { groupedText } from '../fixtures/planner-units';

test('the plan table writes weights in GiB or GB as the reader chooses', async ({ appPage: page, app }, testInfo) => {
  const cli = cliJson<{ best: { experts: number; memory: { weightsBytes: number } } }>(app.dataDir, 'plan', 'compute', '--flops', '1e22', '--experts', '1,2,4,8');
  await openPage(page, 'Compute');
  await page.getByRole('textbox', { name: /Training budget/ }).fill('1e22');
  await page.getByRole('textbox', { name: /Expert counts/ }).fill('1, 2, 4, 8');
  const table = page.getByRole('table', { name: 'Candidates per expert count' });
  const best = table.getByRole('row', { name: /\(best\)/ });
  await expect(best.getByRole('rowheader')).toHaveText(new RegExp(`^${cli.best.experts}\\b`));
  // The weights lead the "Weights / KV cache" cell: "35.2 / 19.3".
  const weights = best.getByRole('cell').nth(4);

  await page.getByRole('combobox', { name: 'Memory units' }).selectOption('binary');
  await expect(table.getByRole('columnheader', { name: 'Weights / KV cache (GiB)' })).toBeVisible();
  await expect(weights).toHaveText(new RegExp(`^${groupedText(cli.best.memory.weightsBytes / 2 ** 30).replace('.', '\\.')} / `));
  await expect(page.getByText('Memory in binary units: 1 GiB = 2³⁰ bytes.')).toHaveCount(1);

  await page.getByRole('combobox', { name: 'Memory units' }).selectOption('decimal');
  await expect(table.getByRole('columnheader', { name: 'Weights / KV cache (GB)' })).toBeVisible();
  await expect(weights).toHaveText(new RegExp(`^${groupedText(cli.best.memory.weightsBytes / 1e9).replace('.', '\\.')} / `));
  await expect(page.getByText('Memory in decimal units: 1 GB = 10⁹ bytes.')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('compute-decimal-1280.png') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: testInfo.outputPath('compute-decimal-1024.png') });
});

test('the sentences the services write follow the choice, and the choice is the one setting the CLI reads', async ({ appPage: page, app }) => {
  await openPage(page, 'Memory');
  await page.getByRole('radio', { name: 'Typed amount' }).check();
  await page.getByRole('textbox', { name: 'Memory' }).fill('20 B');
  const alert = page.getByRole('alert').filter({ hasText: 'No feasible design' });
  await page.getByRole('combobox', { name: 'Memory units' }).selectOption('binary');
  await expect(alert).toContainText(/Nothing fits: .*needs [\d.,]+ (KiB|MiB|GiB)/);
  expect(cliJson<{ byteConvention: string }>(app.dataDir, 'preferences').byteConvention).toBe('binary');

  await page.getByRole('combobox', { name: 'Memory units' }).selectOption('decimal');
  // The reason is the service's sentence: asked again once the choice is saved, it comes back in GB.
  await expect(alert).toContainText(/Nothing fits: .*needs [\d.,]+ (kB|MB|GB)/);
  await expect(alert).not.toContainText(/\d (KiB|MiB|GiB)\b/);
  expect(cliJson<{ byteConvention: string }>(app.dataDir, 'preferences').byteConvention).toBe('decimal');

  // The saved choice survives a reload: it lives in the data folder, not in this browser.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Memory units' })).toHaveValue('decimal');
});
