/**
 * Every page, at the widths planners use, with its plan computed (and two saved scenarios compared
 * on the Scenarios page): the text a reader sees has no e-notation, no caret exponent and no float
 * printed to machine precision.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { rawNotation } from '../fixtures/planner-units';

const PAGES = ['Compute', 'Memory', 'Inference', 'Leverage', 'Architecture', 'Target', 'Baselines', 'Scenarios', 'Fit', 'Hardware', 'Coefficients', 'About'];

async function saveCompute(page: Page, budget: string, name: string): Promise<void> {
  await openPage(page, 'Compute');
  await page.getByRole('textbox', { name: /Training budget/ }).fill(budget);
  await expect(page.getByText('Computing…')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save as scenario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as scenario' });
  await dialog.getByRole('textbox', { name: 'Scenario name' }).fill(name);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Scenario saved' }).last()).toBeVisible();
}

/** The page's visible text once its queries have answered, without what a hint shows the planner may type (kbd). */
async function visibleText(page: Page): Promise<string> {
  await expect(page.getByText('Computing…')).toHaveCount(0, { timeout: 30_000 });
  return page.locator('body').evaluate((body: HTMLElement) => {
    let text = body.innerText;
    for (const k of body.querySelectorAll('kbd')) text = text.replace(k.textContent ?? '', '');
    return text;
  });
}

test('no raw notation on any page at 1024 or 1280 px', async ({ appPage: page }) => {
  test.setTimeout(240_000);
  await saveCompute(page, '1e21', 'Small run');
  await saveCompute(page, '1e23', 'Large run');
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const name of PAGES) {
      await openPage(page, name);
      if (name === 'Scenarios') {
        await page.getByRole('checkbox', { name: 'Select Small run for comparison' }).check();
        await page.getByRole('checkbox', { name: 'Select Large run for comparison' }).check();
        await page.getByRole('button', { name: /Compare 2 selected/ }).click();
        await expect(page.getByRole('table', { name: 'Scenario comparison' })).toBeVisible();
      }
      expect(rawNotation(await visibleText(page)), `${name} page at ${width} px`).toEqual([]);
    }
  }
});
