/**
 * A small Chinchilla fit on the Fit page, for specs that need a finished fit on screen (its charts,
 * its saving): exact runs of L = 1.8 + 480/N^0.35 + 2000/D^0.37 (N in millions, D in billions),
 * 20 of them, fitted from a 16-start grid. Not a spec: Playwright runs only *.spec.ts files.
 */
import type { Page } from '@playwright/test';
import { expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

export function smallRunsCsv(): string {
  const lines = ['name,params (M),tokens (B),loss'];
  for (const N of [50, 100, 200, 400, 800]) for (const D of [1, 3, 10, 30]) lines.push(`n${N}-d${D},${N},${D},${(1.8 + 480 / (N * 1e6) ** 0.35 + 2000 / (D * 1e9) ** 0.37).toFixed(6)}`);
  return lines.join('\n') + '\n';
}

/** Opens the Fit page, pastes the runs, fits them and waits for the fitted coefficients. */
export async function runSmallFit(page: Page): Promise<void> {
  await openPage(page, 'Fit');
  await page.getByRole('textbox', { name: 'CSV text' }).fill(smallRunsCsv());
  await expect(page.getByText('20 valid runs.')).toBeVisible();
  await page.getByRole('textbox', { name: /Start grid/ }).fill('a: 5, 7\nb: 7, 8\ne: 0.5\nalpha: 0.3, 0.4\nbeta: 0.3, 0.4');
  await page.getByRole('button', { name: 'Start fit' }).click();
  await expect(page.getByRole('table', { name: 'Fitted coefficients' })).toBeVisible({ timeout: 60_000 });
}
