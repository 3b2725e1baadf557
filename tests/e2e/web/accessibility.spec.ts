import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

const PAGES = ['Compute', 'Memory', 'Inference', 'Leverage', 'Architecture', 'Target', 'Baselines', 'Scenarios', 'Fit', 'Next runs', 'Hardware', 'Coefficients', 'About'];

test('every input on every page has an accessible name, and every table has headers', async ({ appPage: page }) => {
  for (const name of PAGES) {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    // Polled, not slept: a page's results arrive after its heading, and a field or table they add must pass too.
    const audit = () =>
      page.evaluate(() => ({
        unnamed: [...document.querySelectorAll('main input, main select, main textarea')]
          .filter((el) => {
            const e = el as HTMLInputElement;
            if (e.type === 'hidden' || e.closest('dialog:not([open])')) return false;
            const label = (e.labels && e.labels.length > 0) || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby');
            return !label;
          })
          .map((el) => el.outerHTML.slice(0, 120)),
        headerless: [...document.querySelectorAll('main table')].filter((t) => t.querySelectorAll('th').length === 0).length,
        busy: document.querySelectorAll('main [aria-busy="true"]').length,
      }));
    await expect.poll(audit, { message: `unlabelled inputs or headerless tables on ${name}` }).toEqual({ unnamed: [], headerless: 0, busy: 0 });
  }
});

test('at 1280×800 the candidates table and its caption fit their container in every joint-law wizard', async ({ appPage: page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const name of ['Compute', 'Memory', 'Inference']) {
    await openPage(page, name);
    const table = page.getByRole('table', { name: 'Candidates per expert count' });
    await expect(table.getByRole('row', { name: /\(best\)/ })).toBeVisible();
    // Polled: the layout settles once the results and fonts are in.
    const overflow = () =>
      table.evaluate((el) => {
        const wrap = el.closest('.table-wrap')!;
        const captionPastEdge = el.querySelector('caption')!.getBoundingClientRect().right - wrap.getBoundingClientRect().right;
        return Math.max(wrap.scrollWidth - wrap.clientWidth, captionPastEdge);
      });
    await expect.poll(overflow, { message: `candidates table or caption wider than its container on ${name}` }).toBeLessThanOrEqual(1);
    if (name === 'Memory') {
      await table.scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath('memory-wizard-1280x800.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: testInfo.outputPath('memory-wizard-1280x800-dark.png') });
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }
});

test('the theme follows the operating system: light and dark', async ({ appPage: page }, testInfo) => {
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(light).not.toBe(dark);
  const luminance = (rgb: string) => rgb.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
  expect(luminance(dark)).toBeLessThan(luminance(light));
  await page.screenshot({ path: testInfo.outputPath('dark.png') });
});

test('the wizard can be driven from the keyboard alone', async ({ appPage: page }) => {
  await page.getByRole('link', { name: 'Compute', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Compute' })).toBeVisible();
  // Tab until the budget field has focus, then type a new budget.
  let onBudget = false;
  for (let i = 0; i < 30 && !onBudget; i++) {
    await page.keyboard.press('Tab');
    onBudget = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.includes('Training budget') ?? false);
  }
  expect(onBudget).toBe(true);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2e21');
  await expect(page.getByText('= 2.0 × 10²¹ FLOPs ≈', { exact: false })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Candidates per expert count' }).getByRole('row', { name: /\(best\)/ })).toBeVisible();
});
