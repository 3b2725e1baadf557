import { test, expect } from '../fixtures/web-app';
import { cliJson } from '../fixtures/cli';
import { openPage } from '../fixtures/navigate';

type Target = {
  answer: string;
  headline: string;
  laws: Array<{ law: string; winners: Array<{ objective: string; experts: number; design: { trainingFlops: number }; uncertainty: { value: { low: number; high: number } } | null }> }>;
};

test('target page: the cheapest MoE that matches a 7B dense model on 2T tokens, how sure, and where the laws disagree — as the CLI says', async ({ appPage: page, app }, testInfo) => {
  // One CLI spawn and a three-law plan on a shared machine: more than the default minute.
  await openPage(page, 'Target');
  await expect(page.getByRole('combobox', { name: 'Joint-law coefficient set' })).toBeVisible();
  await page.getByRole('radio', { name: 'Match a dense model (N, D)' }).check();
  await page.getByRole('textbox', { name: /Dense parameters N/ }).fill('7e9');
  await page.getByRole('textbox', { name: /Dense training tokens D/ }).fill('2e12');
  const cli = cliJson<Target>(app.dataDir, 'target', '--match-dense-params', '7e9', '--match-dense-tokens', '2e12');
  const joint = cli.laws.find((l) => l.law === 'joint')!.winners.find((w) => w.objective === 'trainingFlops')!;
  // One sentence first (the cheapest MoE and how sure), every law's answer a click away.
  await expect(page.getByText(cli.headline)).toBeVisible();
  expect(cli.headline).toMatch(/^To match a dense model of 7 B parameters trained on 2 T tokens, the cheapest MoE under the joint law is E = \d+ .*within the published fit error\)\.$/);
  await page.getByText("Every law's answer").click();
  await expect(page.getByText(cli.answer)).toBeVisible();
  const table = page.getByRole('table', { name: 'Cheapest design per law' });
  const row = table.getByRole('row', { name: /Joint MoE law Training FLOPs/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText(String(joint.experts));
  await expect(row).toContainText(/FLOPs – /);
  await expect(page.getByRole('table', { name: 'Law disagreement' }).getByRole('row', { name: /Training FLOPs/ })).toContainText('Chinchilla (dense): E = 1');
  await expect(page.getByText(/train RMSE 0\.0062/)).toBeVisible();
  const laws = page.getByRole('table', { name: 'What every law predicts for one design' });
  await expect(laws.getByRole('row', { name: /Chinchilla \(dense\)/ })).toContainText('does not apply');
  await expect(laws.getByRole('row', { name: /Joint MoE law/ })).toContainText('extrapolated');
  // The status cell reads compactly (worst quantity, factor); the flag sentences are a click away.
  const jointStatus = laws.getByRole('row', { name: /Joint MoE law/ }).getByRole('cell').nth(1);
  await expect(jointStatus).toContainText(/(near|outside|far): .+ [\d.]+× (above|below|away)/);
  const sentence = jointStatus.getByText(/Extrapolation: /).first();
  await expect(sentence).toBeHidden();
  await jointStatus.getByRole('group').locator('summary').click();
  await expect(sentence).toBeVisible();
  // The Chinchilla picker starts at the Epoch replication, like the rest of the product.
  await expect(page.getByRole('combobox', { name: 'Chinchilla coefficient set' })).toHaveValue('besiroglu2024');
  await expect(page.getByRole('img', { name: /Training FLOPs to reach the target/ })).toBeVisible();
  // With a priced GPU (device-hours and money in every row, a money objective) the table still fits
  // its region at 1280 px: nothing to scroll sideways, the last column on screen.
  await page.getByRole('combobox', { name: 'Hardware (device-hours and money)' }).selectOption('h100-sxm');
  await page.getByRole('textbox', { name: /Price per device-hour/ }).fill('2.5');
  await expect(table.getByRole('row', { name: /Joint MoE law Money/ })).toBeVisible();
  await table.scrollIntoViewIfNeeded();
  const wrap = table.locator('xpath=..');
  expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  const last = table.getByRole('columnheader', { name: 'Band of the objective' });
  await expect(last).toBeInViewport({ ratio: 1 });
  expect(((await last.boundingBox())!.x + (await last.boundingBox())!.width)).toBeLessThanOrEqual(1280);
  await expect(table.getByRole('row', { name: /Joint MoE law Money/ }).getByRole('cell').last()).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: testInfo.outputPath('target.png'), fullPage: true });
});
