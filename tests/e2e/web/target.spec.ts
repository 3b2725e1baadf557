import { test, expect } from '../fixtures/web-app';
import { cliJson } from '../fixtures/cli';
import { openPage } from '../fixtures/navigate';

type Target = {
  answer: string;
  laws: Array<{ law: string; winners: Array<{ objective: string; experts: number; design: { trainingFlops: number }; uncertainty: { value: { low: number; high: number } } | null }> }>;
};

test('target page: the cheapest MoE that matches a 7B dense model on 2T tokens, how sure, and where the laws disagree — as the CLI says', async ({ appPage: page, app }, testInfo) => {
  // One CLI spawn and a three-law plan on a shared machine: more than the default minute.
  test.setTimeout(180_000);
  await openPage(page, 'Target');
  await expect(page.getByRole('combobox', { name: 'Joint-law coefficient set' })).toBeVisible();
  await page.getByRole('radio', { name: 'Match a dense model (N, D)' }).check();
  await page.getByRole('textbox', { name: /Dense parameters N/ }).fill('7e9');
  await page.getByRole('textbox', { name: /Dense training tokens D/ }).fill('2e12');
  const cli = cliJson<Target>(app.dataDir, 'target', '--match-dense-params', '7e9', '--match-dense-tokens', '2e12');
  const joint = cli.laws.find((l) => l.law === 'joint')!.winners.find((w) => w.objective === 'trainingFlops')!;
  await expect(page.getByText(cli.answer.slice(0, 60))).toBeVisible();
  const table = page.getByRole('table', { name: 'Cheapest design per law' });
  const row = table.getByRole('row', { name: /Joint MoE law Training FLOPs/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText(String(joint.experts));
  await expect(row).toContainText(/FLOPs – /);
  await expect(page.getByRole('table', { name: 'Law disagreement' }).getByRole('row', { name: /Training FLOPs/ })).toContainText('Chinchilla (dense): E = 1');
  await expect(page.getByText(/train RMSE 0\.0062/)).toBeVisible();
  const laws = page.getByRole('table', { name: 'What every law predicts for one design' });
  await expect(laws.getByRole('row', { name: /Chinchilla \(dense\)/ })).toContainText('does not apply');
  await expect(laws.getByRole('row', { name: /Joint MoE law/ })).toContainText('extrapolated');
  await expect(page.getByRole('img', { name: /Training FLOPs to reach the target/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('target.png'), fullPage: true });
});
