/**
 * Issue 12, item 3, walked over every page with a Save: each numeric field is given values the main
 * side refuses — a negative one, and one beyond every bound the contract sets (1e300) — and each time
 * the error must show at that field, marked invalid (aria-invalid, described by the message), in the
 * field's own words (the message leads with its label), while Save is disabled saying which field
 * stops it. The field's own text put back, the field reads valid again and Save is enabled.
 * The fields are found on the page, not listed here, so a field added later is walked too.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { walk } from '../fixtures/field-walk';

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
