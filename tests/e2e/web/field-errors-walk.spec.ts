/**
 * Issue 12, item 3, walked over every page with a Save: each numeric field is given values the main
 * side refuses — a negative one, and one beyond every bound the contract sets (1e300) — and each time
 * the error must show at that field, marked invalid (aria-invalid, described by the message), in the
 * field's own words (the message leads with its label), while Save is disabled saying which field
 * stops it. The field's own text put back, the field reads valid again and Save is enabled.
 * The fields are found on the page, not listed here, so a field added later is walked too.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { description } from '../fixtures/described-by';

const REFUSED = ['-1', '1e300'];


/** A numeric field's label as the page writes it, without the unit in brackets ("Training budget (FLOPs)" → "Training budget"). */
async function labelOf(page: Page, field: Locator): Promise<string> {
  const id = await field.getAttribute('id');
  const text = await page.locator(`label[for="${id}"]`).innerText();
  return text.replace(/\s*\([^)]*\)\s*$/, '').trim();
}

/** Walks the fields not in `walked` (already walked in an earlier state of the page), adding each it walks. */
async function walk(page: Page, name: string, walked: Set<string>): Promise<string[]> {
  const save = page.getByRole('button', { name: 'Save as scenario' });
  await expect(save).toBeEnabled({ timeout: 30_000 });
  const fields = page.getByRole('main').getByRole('textbox');
  const problems: string[] = [];
  const count = await fields.count();
  for (let i = 0; i < count; i++) {
    const field = fields.nth(i);
    if ((await field.getAttribute('inputmode')) !== 'decimal' || !(await field.isVisible()) || !(await field.isEditable())) continue;
    const label = await labelOf(page, field);
    // a field met again in a later state is the same field with the same refusals: walking it once keeps the e2e time bounded
    // ids are per mount (Vue's useId), so a field is known by its label within its group's legend
    const key = await field.evaluate((el, l) => `${el.closest('fieldset')?.querySelector('legend')?.textContent?.trim() ?? ''} › ${l}`, label);
    if (walked.has(key)) continue;
    walked.add(key);
    const original = await field.inputValue();
    for (const value of REFUSED) {
      await field.fill(value);
      try {
        await expect(field, `${name} › ${label} = ${value}: marked invalid`).toHaveAttribute('aria-invalid', 'true', { timeout: 15_000 });
        const said = await description(field);
        if (!said.includes(label)) problems.push(`${name} › ${label} = ${value}: the message does not name the field: "${said}"`);
        await expect(save, `${name} › ${label} = ${value}: Save disabled`).toBeDisabled();
        const reason = await page.locator('#save-blocked').innerText();
        if (!reason.includes(`“${label}”`)) problems.push(`${name} › ${label} = ${value}: Save's reason does not name the field: "${reason}"`);
      } catch (e) {
        problems.push(`${name} › ${label} = ${value}: ${(e as Error).message.split('\n')[0]}; message "${await description(field)}"`);
      }
    }
    await field.fill(original);
    try {
      await expect(field).toHaveAttribute('aria-invalid', 'false', { timeout: 15_000 });
      await expect(save).toBeEnabled({ timeout: 15_000 });
    } catch (e) {
      problems.push(`${name} › ${label} restored to "${original}": ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return problems;
}

/** Each page in the states that show its other fields: every budget mode, memory source, cache layout and goal. */
const WALKS: Record<string, Array<[string, (page: Page) => Promise<void>]>> = {
  Compute: [
    ['FLOPs budget', async () => {}],
    ['devices × days, a GQA cache in the Deploy check', async (page) => {
      await page.getByRole('radio', { name: 'Devices × days' }).check();
      await page.getByRole('combobox', { name: 'Attention layout for the check' }).selectOption('gqa');
    }],
    ['GPU-hours, an MLA cache in the Deploy check', async (page) => {
      await page.getByRole('radio', { name: 'GPU-hours' }).check();
      await page.getByRole('combobox', { name: 'Attention layout for the check' }).selectOption('mla');
    }],
  ],
  Memory: [
    ['a hardware cap', async () => {}],
    ['a typed cap with a GQA cache', async (page) => {
      await page.getByRole('radio', { name: 'Typed amount' }).check();
      await page.getByRole('combobox', { name: 'KV cache laid out as' }).selectOption('gqa');
    }],
    ['an MLA cache', async (page) => {
      await page.getByRole('combobox', { name: 'KV cache laid out as' }).selectOption('mla');
    }],
  ],
  Inference: [
    ['no cap', async () => {}],
    ['a typed cap', async (page) => {
      await page.getByRole('checkbox', { name: 'Cap memory' }).check();
      await page.getByRole('radio', { name: 'Typed amount' }).check();
    }],
  ],
  Leverage: [['its defaults', async () => {}]],
  Architecture: [['its defaults', async () => {}]],
  Target: ['Match a dense model (N, D)', 'Match the compute-optimal dense model of a budget', 'Match an MoE (N_act, D, E)', 'Reach a loss'].map((goal) => [
    `${goal}, priced on an H100`,
    async (page: Page) => {
      await page.getByRole('radio', { name: goal }).check();
      await page.getByRole('combobox', { name: 'Hardware (device-hours and money)' }).selectOption('h100-sxm');
    },
  ]),
};

for (const [name, states] of Object.entries(WALKS)) {
  test(`${name}: every numeric field given a value the main side refuses says so at the field, in its words, and stops Save`, async ({ appPage: page }) => {
    test.setTimeout(600_000);
    const problems: string[] = [];
    const walked = new Set<string>();
    for (const [state, prepare] of states) {
      const before = walked.size;
      await openPage(page, name);
      await prepare(page);
      problems.push(...(await walk(page, `${name} (${state})`, walked)));
      // each state is listed because it shows fields the others do not
      expect(walked.size, `${name} (${state}): fields no earlier state showed`).toBeGreaterThan(before);
    }
    expect(walked.size, `${name}: numeric fields walked`).toBeGreaterThan(2);
    expect(problems).toEqual([]);
  });
}
