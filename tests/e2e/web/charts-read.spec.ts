/**
 * The charts read at the widths planners use (1024 and 1280 px), light and dark: no text drawn
 * over another (legends clear of titles and subtitles, tick labels apart, band labels once), no
 * paging legend, ticks in planner units.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { legendPager, overlappingTexts, settledCharts } from '../fixtures/chart-text';
import { RAW_NOTATION } from '../fixtures/planner-units';

/** Pages with charts and how many each draws with its default inputs. */
const PAGES: Array<[string, number]> = [
  ['Compute', 2],
  ['Memory', 3],
  ['Inference', 3],
  ['Leverage', 1],
  ['Architecture', 2],
  ['Target', 1],
];

for (const width of [1024, 1280])
  for (const scheme of ['light', 'dark'] as const)
    test(`charts read at ${width} px, ${scheme}`, async ({ appPage: page }, testInfo) => {
      test.setTimeout(180_000);
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
