import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

test('a saved scenario survives a restart and opens back into its wizard with every input', async ({ appPage: page, app }, testInfo) => {
  await openPage(page, 'Compute');
  await page.getByRole('textbox', { name: /Training budget/ }).fill('2e21');
  await page.getByRole('textbox', { name: /Expert counts/ }).fill('1, 4, 16');
  await expect(page.getByRole('table', { name: 'Candidates per expert count' }).getByRole('row', { name: /\(best\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Save as scenario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as scenario' });
  await dialog.getByRole('textbox', { name: 'New project name' }).fill('Cluster plan');
  await dialog.getByRole('textbox', { name: 'Scenario name' }).fill('Small budget');
  await dialog.getByRole('textbox', { name: 'Tags' }).fill('draft, h100');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Scenario saved' })).toBeVisible();

  await app.restart();
  await openPage(page, 'Scenarios');
  const row = page.getByRole('table', { name: 'Saved scenarios' }).getByRole('row', { name: /Small budget/ });
  await expect(row).toContainText('Cluster plan');
  await expect(row).toContainText('draft, h100');
  await page.screenshot({ path: testInfo.outputPath('scenarios.png'), fullPage: true });

  await row.getByRole('button', { name: 'Open Small budget' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compute' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /Training budget/ })).toHaveValue('2 × 10²¹');
  await expect(page.getByRole('textbox', { name: /Expert counts/ })).toHaveValue('1, 4, 16');
});

test('deleting a scenario can be undone', async ({ appPage: page }) => {
  await openPage(page, 'Compute');
  await expect(page.getByRole('table', { name: 'Candidates per expert count' })).toBeVisible();
  await page.getByRole('button', { name: 'Save as scenario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as scenario' });
  await dialog.getByRole('textbox', { name: 'Scenario name' }).fill('To delete');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await openPage(page, 'Scenarios');
  const table = page.getByRole('table', { name: 'Saved scenarios' });
  await table.getByRole('button', { name: 'Delete To delete' }).click();
  await expect(table.getByRole('row', { name: /To delete/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(table.getByRole('row', { name: /To delete/ })).toHaveCount(1);
});

test('a damaged database is refused with a recovery screen and left byte-identical', async ({ appPage: page, app }) => {
  app.allowConsole(/status of 503/);
  const db = join(app.dataDir, 'workbench.sqlite');
  await app.restart(() => writeFileSync(db, Buffer.from('this is not a sqlite database, just damaged bytes'.repeat(100))));
  const before = sha(db);
  await expect(page.getByRole('heading', { name: 'The project database could not be opened' })).toBeVisible();
  // The laws still answer without the database.
  await openPage(page, 'Architecture');
  await expect(page.getByRole('table', { name: 'Optimal architecture' })).toBeVisible();
  expect(sha(db)).toBe(before);
});

test('editing a hardware profile changes the memory budget the wizard uses', async ({ appPage: page }) => {
  await openPage(page, 'Hardware');
  await page.getByRole('button', { name: 'Edit NVIDIA RTX 4090' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Memory per device' }).fill('48GiB');
  await dialog.getByRole('textbox', { name: 'Price per device-hour' }).fill('2.5');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('table', { name: 'Hardware profiles' }).getByRole('row', { name: /RTX 4090/ })).toContainText('48 GiB');
  // A price is money, read to the cent, as everywhere else: "$2.50", not the raw "2.5".
  await expect(page.getByRole('table', { name: 'Hardware profiles' }).getByRole('row', { name: /RTX 4090/ }).getByRole('cell', { name: '$2.50', exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Hardware profiles' }).getByRole('row', { name: /RTX 4090/ })).toContainText('shipped, edited');
  await openPage(page, 'Memory');
  await page.getByRole('combobox', { name: 'Device' }).selectOption({ label: 'NVIDIA RTX 4090 (48 GiB)' });
  // The usable share defaults to 0.9 (10% kept back for the runtime and fragmentation).
  await expect(page.getByText('43.2 GiB usable')).toBeVisible();
});

test('a scenario whose hardware profile changed says so and can be recomputed, renamed and retagged', async ({ appPage: page }) => {
  await openPage(page, 'Memory');
  await page.getByRole('combobox', { name: 'Device' }).selectOption({ label: 'NVIDIA RTX 4090 (24 GiB)' });
  await expect(page.getByText('21.6 GiB usable')).toBeVisible();
  await page.getByRole('button', { name: 'Save as scenario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as scenario' });
  await dialog.getByRole('textbox', { name: 'Scenario name' }).fill('Desk GPU');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Scenario saved' })).toBeVisible();

  await openPage(page, 'Hardware');
  await page.getByRole('button', { name: 'Edit NVIDIA RTX 4090' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Memory per device' }).fill('32GiB');
  await page.getByRole('dialog').getByRole('button', { name: 'Save profile' }).click();

  await openPage(page, 'Scenarios');
  const table = page.getByRole('table', { name: 'Saved scenarios' });
  const row = table.getByRole('row', { name: /Desk GPU/ });
  await expect(row).toContainText('hardware profile “NVIDIA RTX 4090” edited');
  await row.getByRole('button', { name: 'Recompute Desk GPU' }).click();
  await expect(row.getByRole('button', { name: 'Recompute Desk GPU' })).toHaveCount(0);

  await row.getByRole('button', { name: 'Edit Desk GPU' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit scenario' });
  await edit.getByRole('textbox', { name: 'Name' }).fill('Desk GPU, 32 GiB');
  await edit.getByRole('textbox', { name: 'Tags' }).fill('local');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(table.getByRole('row', { name: /Desk GPU, 32 GiB/ })).toContainText('local');
});
