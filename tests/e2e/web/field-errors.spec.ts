/**
 * Issue 12, item 3: every error the main side returns lands at the field its path names, in the
 * field's words, with the field marked invalid (aria-invalid, described by the message); Save is
 * disabled while any field is invalid and says why beside the button. A bare number in a memory
 * field asks for a unit.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { description } from '../fixtures/described-by';

/** Each page's Save refuses while the field is invalid and says why beside the button. */
async function saveRefusedFor(page: Page, label: string): Promise<void> {
  const save = page.getByRole('button', { name: 'Save as scenario' });
  await expect(save).toBeDisabled();
  await expect(page.getByText(`Cannot save while a field is invalid: “${label}”.`)).toBeVisible();
  expect(await description(save)).toContain('Cannot save while a field is invalid');
}

// Steps on different pages share an app (each was a test of its own, each starting one); each page is met once per test, so each step starts from its page’s defaults.
test('Compute, Memory, Target, Leverage and Architecture: a server-side error, a bare memory amount, a repeated expert count, E_a above E and N_a above N each land at their field and stop Save until put right', async ({ appPage: page }, testInfo) => {
  await test.step('compute: a server-side error lands at its field, marks it invalid and disables Save with its reason', async () => {
    await openPage(page, 'Compute');
    const save = page.getByRole('button', { name: 'Save as scenario' });
    await expect(save).toBeEnabled();

    // "1, 2, 2" reads locally (whole numbers); the main side refuses the repeated count, path ["experts"].
    const experts = page.getByRole('textbox', { name: 'Expert counts' });
    await experts.fill('1, 2, 2');
    await expect(experts).toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => description(experts)).toContain('Expert counts must not repeat an expert count');
    // The results column points at the field instead of repeating the message.
    await expect(page.getByRole('status').filter({ hasText: 'Showing the last valid result.' })).toContainText('“Expert counts” is marked invalid');
    await expect(save).toBeDisabled();
    const reason = page.getByText('Cannot save while a field is invalid: “Expert counts”.');
    await expect(reason).toBeVisible();
    expect(await description(save)).toContain('Cannot save while a field is invalid');
    await page.screenshot({ path: testInfo.outputPath('compute-error-at-field.png') });

    await experts.fill('1, 2, 4');
    await expect(experts).toHaveAttribute('aria-invalid', 'false');
    await expect(reason).toHaveCount(0);
    await expect(save).toBeEnabled();
  });

  await test.step('memory: a bare number asks for a unit at the field, and Save waits for it', async () => {
    await openPage(page, 'Memory');
    await page.getByRole('radio', { name: 'Typed amount' }).check();
    const memory = page.getByRole('textbox', { name: 'Memory' });
    await memory.fill('80');
    await expect(memory).toHaveAttribute('aria-invalid', 'true');
    expect(await description(memory)).toContain('add a unit to "80" (e.g. 80 GB or 80 GiB)');
    const save = page.getByRole('button', { name: 'Save as scenario' });
    await expect(save).toBeDisabled();
    await expect(page.getByText('Cannot save while a field is invalid: “Memory”.')).toBeVisible();

    await memory.fill('80GiB');
    await expect(memory).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByText(/^72(\.0)? GiB usable$/)).toBeVisible();
    await expect(save).toBeEnabled();
  });

  await test.step('target: a repeated expert count, refused by the main side, lands at "Expert counts"', async () => {
    await openPage(page, 'Target');
    const experts = page.getByRole('textbox', { name: 'Expert counts' });
    await experts.fill('1, 8, 8');
    await expect(experts).toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => description(experts)).toContain('Expert counts must not repeat an expert count');
    await saveRefusedFor(page, 'Expert counts');
    await page.screenshot({ path: testInfo.outputPath('target-error-at-field.png') });
    await experts.fill('1, 8, 64');
    await expect(experts).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByRole('button', { name: 'Save as scenario' })).toBeEnabled();
  });

  await test.step('leverage: more activated experts than experts, refused by the main side, lands at "Activated routed experts E_a"', async () => {
    await openPage(page, 'Leverage');
    const routed = page.getByRole('textbox', { name: /^Routed experts E/ });
    const active = page.getByRole('textbox', { name: /^Activated routed experts E_a/ });
    await routed.fill('8');
    // Reads as a whole number here; only the main side knows E_a may not exceed E.
    await active.fill('20');
    await expect(active).toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => description(active)).toContain('Activated routed experts E_a (20) cannot exceed experts (8)');
    await saveRefusedFor(page, 'Activated routed experts E_a');
    await page.screenshot({ path: testInfo.outputPath('leverage-error-at-field.png') });
    await active.fill('2');
    await expect(active).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByRole('button', { name: 'Save as scenario' })).toBeEnabled();
  });

  await test.step('architecture: more active than total parameters, refused by the main side, lands at "Active parameters N_a"', async () => {
    await openPage(page, 'Architecture');
    const active = page.getByRole('textbox', { name: /^Active parameters N_a/ });
    await active.fill('1e12');
    await expect(active).toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => description(active)).toContain('Active parameters N_a must not exceed total');
    await saveRefusedFor(page, 'Active parameters N_a');
    await page.screenshot({ path: testInfo.outputPath('architecture-error-at-field.png') });
    await active.fill('3e9');
    await expect(active).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByRole('button', { name: 'Save as scenario' })).toBeEnabled();
  });
});

test('Compute’s Deploy check, Memory’s KV layout, Target’s laws and Fit’s start grid: each refusal lands at its own field and stops Save (or Start) until put right', async ({ appPage: page }, testInfo) => {
  await test.step('deploy: a serving TP that does not divide the heads, refused by the main side, lands at "Serving TP" and stops Save', async () => {
    await openPage(page, 'Compute');
    const deploy = page.getByRole('region', { name: 'Deploy' });
    const tp = deploy.getByRole('textbox', { name: /^Serving TP/ });
    await tp.fill('3');
    await expect(tp).toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => description(tp)).toMatch(/Serving TP 3 does not divide the \d+ attention heads/);
    await saveRefusedFor(page, 'Serving TP');
    await page.screenshot({ path: testInfo.outputPath('deploy-error-at-field.png') });
    await tp.fill('');
    await expect(tp).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByRole('button', { name: 'Save as scenario' })).toBeEnabled();
  });

  await test.step('memory: a KV-layout width the request refuses (GQA heads, MLA widths) is marked at its own field and stops Save', async () => {
    await openPage(page, 'Memory');
    const layout = page.getByRole('combobox', { name: 'KV cache laid out as' });
    await layout.selectOption('gqa');
    const heads = page.getByRole('textbox', { name: /^KV heads/ });
    await heads.fill('0');
    await expect(heads).toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => description(heads)).toMatch(/KV heads/);
    await saveRefusedFor(page, 'KV heads');
    await heads.fill('8');
    await expect(heads).toHaveAttribute('aria-invalid', 'false');
    await layout.selectOption('mla');
    const latent = page.getByRole('textbox', { name: /^Latent width/ });
    await latent.fill('2.5');
    await expect(latent).toHaveAttribute('aria-invalid', 'true');
    await saveRefusedFor(page, 'Latent width');
    await latent.fill('512');
    await expect(page.getByRole('button', { name: 'Save as scenario' })).toBeEnabled();
  });

  await test.step('target: no law chosen marks the law checkboxes invalid, says why at them, and stops Save', async () => {
    await openPage(page, 'Target');
    const laws = page.getByRole('group', { name: 'Laws' });
    const boxes = laws.getByRole('checkbox');
    for (const box of await boxes.all()) if (await box.isChecked()) await box.uncheck();
    for (const box of await boxes.all()) {
      await expect(box).toHaveAttribute('aria-invalid', 'true');
      expect(await description(box)).toContain('Laws: choose at least one law.');
    }
    await saveRefusedFor(page, 'Laws');
    await laws.getByRole('checkbox', { name: 'Joint MoE law' }).check();
    for (const box of await boxes.all()) await expect(box).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByRole('button', { name: 'Save as scenario' })).toBeEnabled();
  });

  await test.step('fit: a start refused for its grid lands at the grid field', async () => {
    await openPage(page, 'Fit');
    const lines = ['name,params (M),tokens (B),loss'];
    for (const N of [50, 200, 800]) for (const D of [1, 10]) lines.push(`n${N}-d${D},${N},${D},${(1.8 + 480 / (N * 1e6) ** 0.35 + 2000 / (D * 1e9) ** 0.37).toFixed(6)}`);
    await page.getByRole('textbox', { name: 'CSV text' }).fill(lines.join('\n') + '\n');
    await expect(page.getByText('6 valid runs.')).toBeVisible();
    const grid = page.getByRole('textbox', { name: /Start grid/ });
    // Reads as a grid here; the fitter knows the law has no parameter "zeta".
    await grid.fill('zeta: 1');
    await page.getByRole('button', { name: 'Start fit' }).click();
    await expect(grid).toHaveAttribute('aria-invalid', 'true');
    expect(await description(grid)).toContain('is not a parameter of the chinchilla law');
    await expect(page.getByRole('button', { name: 'Start fit' })).toBeDisabled();
    await grid.fill('a: 5, 7');
    await expect(grid).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByRole('button', { name: 'Start fit' })).toBeEnabled();
  });
});

test('save dialog and hardware dialog: a name the main side refuses is shown at the name field', async ({ appPage: page }) => {
  await openPage(page, 'Compute');
  await page.getByRole('button', { name: 'Save as scenario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as scenario' });
  const name = dialog.getByRole('textbox', { name: 'Scenario name' });
  await name.fill('x'.repeat(201));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  expect(await description(name)).toContain('Scenario name must be at most 200 characters');
  await name.fill('A short name');
  await expect(name).toHaveAttribute('aria-invalid', 'false');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await openPage(page, 'Hardware');
  await page.getByRole('button', { name: 'Add profile' }).click();
  const hw = page.getByRole('dialog');
  const hwName = hw.getByRole('textbox', { name: 'Name' });
  await hwName.fill('y'.repeat(201));
  await hw.getByRole('button', { name: 'Save profile' }).click();
  await expect(hwName).toHaveAttribute('aria-invalid', 'true');
  expect(await description(hwName)).toContain('Name must be at most 200 characters');
  // While it stands, the profile cannot be saved, and the dialog says why.
  await expect(hw.getByRole('button', { name: 'Save profile' })).toBeDisabled();
  await expect(hw.getByText('Cannot save while a field is invalid: “Name”.')).toBeVisible();
  await hwName.fill('Lab accelerator');
  await expect(hw.getByRole('button', { name: 'Save profile' })).toBeEnabled();
});
