/**
 * Issue 12: at 1024 px (and 1280) the Target page's tables and the joint wizards' candidates table read
 * without sideways scrolling: every column header lies inside the table's frame and the viewport, light and dark.
 */
import { test, expect } from '../fixtures/web-app';
import type { Locator, Page } from '@playwright/test';
import { openPage } from '../fixtures/navigate';

async function headersInside(page: Page, table: Locator, label: string): Promise<void> {
  await table.scrollIntoViewIfNeeded();
  const wrap = table.locator('xpath=..');
  const frame = (await wrap.boundingBox())!;
  const viewport = page.viewportSize()!;
  const overflow = await wrap.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow, `${label}: the table's frame scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
  const headers = table.getByRole('columnheader');
  const n = await headers.count();
  expect(n, `${label}: column headers`).toBeGreaterThan(2);
  for (let i = 0; i < n; i++) {
    const h = headers.nth(i);
    const box = (await h.boundingBox())!;
    const name = (await h.textContent())!.trim();
    expect(box.x, `${label}: "${name}" left edge`).toBeGreaterThanOrEqual(frame.x - 0.5);
    expect(box.x + box.width, `${label}: "${name}" right edge within the frame`).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
    expect(box.x + box.width, `${label}: "${name}" right edge within the viewport`).toBeLessThanOrEqual(viewport.width);
  }
}

for (const width of [1024, 1280]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 700 } });

    test(`the Target page's tables show every column at ${width} px, light and dark`, async ({ appPage: page }, testInfo) => {
      await openPage(page, 'Target');
      await page.getByRole('radio', { name: 'Match a dense model (N, D)' }).check();
      await page.getByRole('textbox', { name: /Dense parameters N/ }).fill('7e9');
      await page.getByRole('textbox', { name: /Dense training tokens D/ }).fill('2e12');
      // A priced GPU fills every column: device-hours and money, a money objective.
      await page.getByRole('combobox', { name: 'Hardware (device-hours and money)' }).selectOption('h100-sxm');
      await page.getByRole('textbox', { name: /Price per device-hour/ }).fill('2.5');
      const cheapest = page.getByRole('table', { name: 'Cheapest design per law' });
      await expect(cheapest.getByRole('row', { name: /Joint MoE law Money/ })).toBeVisible();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const name of ['Cheapest design per law', 'Law disagreement', 'What every law predicts for one design', 'Designs for every expert count']) {
          await headersInside(page, page.getByRole('table', { name }), `${name} (${scheme})`);
        }
        await page.screenshot({ path: testInfo.outputPath(`target-${width}-${scheme}.png`), fullPage: true });
      }
    });

    test(`the candidates table of Compute, Memory and Inference shows every column at ${width} px, light and dark`, async ({ appPage: page }, testInfo) => {
      for (const name of ['Compute', 'Memory', 'Inference']) {
        await openPage(page, name);
        const table = page.getByRole('table', { name: 'Candidates per expert count' });
        await expect(table.getByRole('row', { name: /\(best\)/ })).toBeVisible();
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await headersInside(page, table, `${name} candidates (${scheme})`);
          await table.screenshot({ path: testInfo.outputPath(`${name.toLowerCase()}-candidates-${width}-${scheme}.png`) });
        }
      }
    });
  });
}
