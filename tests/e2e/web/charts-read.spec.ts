/**
 * The charts read at the widths planners use (1024 and 1280 px), light and dark: no text drawn
 * over another (legends clear of titles and subtitles, tick labels apart, band labels once), no
 * paging legend, ticks in planner units.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/web-app';
import { cliJson } from '../fixtures/cli';
import { openPage } from '../fixtures/navigate';
import { legendPager, overlappingTexts, settledCharts } from '../fixtures/chart-text';
import { RAW_NOTATION } from '../fixtures/planner-units';
import { runSmallFit } from './small-fit';

/** Pages with charts and how many each draws with its default inputs. */
const PAGES: Array<[string, number]> = [
  ['Compute', 2],
  ['Memory', 3],
  ['Inference', 3],
  ['Leverage', 1],
  ['Architecture', 2],
  ['Target', 1],
];

// One app for the four widths and schemes (each was a test of its own, starting an app and computing its landing page again): every page is opened anew in each, so its charts are mounted at that width and scheme.
test('charts read at 1024 and 1280 px, light and dark', async ({ appPage: page }, testInfo) => {
  test.setTimeout(4 * 180_000);
  for (const width of [1024, 1280])
    for (const scheme of ['light', 'dark'] as const)
      await test.step(`charts read at ${width} px, ${scheme}`, async () => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 800 });
        for (const [name, minCharts] of PAGES) {
          await openPage(page, name);
          const charts = await settledCharts(page, minCharts);
          for (const chart of charts) {
            const where = `${name} page, "${chart.title}" at ${width} px (${scheme})`;
            expect(overlappingTexts(chart), `${where}: texts drawn over each other`).toEqual([]);
            expect(legendPager(chart), `${where}: the legend pages`).toEqual([]);
            expect(chart.texts.map((t) => t.text).filter((s) => RAW_NOTATION.test(s)), `${where}: raw notation`).toEqual([]);
          }
          if (name === 'Memory') {
            // The winning-E bands: each band's label is drawn once (one text per band, none stacked).
            const sweep = charts.find((c) => /memory budget per expert count/.test(c.title))!;
            const labels = sweep.texts.filter((t) => /^E=\d+$/.test(t.text));
            expect(labels.length).toBeGreaterThan(0);
            const spots = new Set(labels.map((l) => `${l.text}@${Math.round(l.left)}`));
            expect(spots.size).toBe(labels.length);
          }
          await page.locator('figure.chart-block').last().screenshot({ path: testInfo.outputPath(`${name}-${width}-${scheme}.png`) });
        }
      });
});

/** Every chart on screen passes the reading rules; `where` names the page and the width. */
async function chartsRead(page: Page, minCharts: number, where: string, shot: string): Promise<void> {
  const charts = await settledCharts(page, minCharts);
  for (const chart of charts) {
    const at = `${where}, "${chart.title}"`;
    expect(overlappingTexts(chart), `${at}: texts drawn over each other`).toEqual([]);
    expect(legendPager(chart), `${at}: the legend pages`).toEqual([]);
    expect(chart.texts.map((t) => t.text).filter((s) => RAW_NOTATION.test(s)), `${at}: raw notation`).toEqual([]);
  }
  await page.screenshot({ path: shot, fullPage: true });
}

test('the Scenarios comparison and the Fit page charts read at 1024 and 1280 px, light and dark', async ({ appPage: page, app }, testInfo) => {
  test.setTimeout(240_000);
  // Three saved plans, through the CLI on the app's own data folder: the comparison overlays them.
  const project = cliJson<{ id: string }>(app.dataDir, 'projects', 'create', '--name', 'Charts');
  for (const [flops, name] of [['1e21', 'Small run'], ['1e22', 'Middle run'], ['1e23', 'Large run']] as const) {
    cliJson(app.dataDir, 'plan', 'compute', '--flops', flops, '--experts', '1,2,4,8', '--save', name, '--project', project.id);
  }
  await openPage(page, 'Scenarios');
  for (const name of ['Small run', 'Middle run', 'Large run']) await page.getByRole('checkbox', { name: `Select ${name} for comparison` }).check();
  await page.getByRole('button', { name: 'Compare 3 selected' }).click();
  await expect(page.getByRole('table', { name: 'Scenario comparison' })).toBeVisible();
  for (const width of [1024, 1280])
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      await chartsRead(page, 1, `Scenarios comparison at ${width} px (${scheme})`, testInfo.outputPath(`compare-${width}-${scheme}.png`));
    }

  // A small fit: its three charts (predicted against observed, residuals, the law over the runs).
  await page.emulateMedia({ colorScheme: 'light' });
  await runSmallFit(page);
  for (const width of [1024, 1280])
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      await chartsRead(page, 3, `Fit page at ${width} px (${scheme})`, testInfo.outputPath(`fit-${width}-${scheme}.png`));
    }
});
