/**
 * Issue 17 in the browser: a plan's band is drawn on its chart where the table states it, and a
 * band of many bootstrap replicates runs as a job with progress and cancel.
 *
 * The data folder holds two fits of the same synthetic runs (tests/integration/next-run/fixture.ts):
 * "Fixture fit" with 40 replicates (its band comes inline) and "Band fixture" with 300 (above the
 * 200 that stay inline, so its band is a job). For the job, the server runs with
 * MOE_BAND_WORKER_HOLD_AFTER=3: the band's worker parks after re-solving 30 of the 300
 * replicates, so the test sees it running and cancels it without racing a band that would end first.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { seedNextRun } from '../fixtures/seed-next-run';

async function restartSeeded(app: { restart(between?: (dataDir: string) => void): Promise<void> }, holdAfter: number | null): Promise<void> {
  if (holdAfter !== null) process.env.MOE_BAND_WORKER_HOLD_AFTER = String(holdAfter);
  try {
    await app.restart((dataDir) => seedNextRun(dataDir, [{}, { samples: 300, name: 'Band fixture' }]));
  } finally {
    delete process.env.MOE_BAND_WORKER_HOLD_AFTER;
  }
}

async function chooseSet(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Coefficient set' }).selectOption({ label: `${name} (yours)` });
}

test('a band of 300 replicates runs as a job: progress, cancel, and the plan stays without its band', async ({ appPage: page, app }) => {
  await restartSeeded(app, 3);
  await openPage(page, 'Compute');
  await chooseSet(page, 'Band fixture');
  const job = page.getByRole('group', { name: 'Uncertainty band job' });
  const bar = job.getByRole('progressbar', { name: 'Band progress' });
  await expect(bar).toBeVisible({ timeout: 30_000 });
  // 30 of 300 replicates re-solved when the worker parks.
  await expect(bar).toHaveAttribute('aria-valuenow', '10');
  await expect(job).toContainText('Bootstrap replicates re-solved: 30 of 300');
  // The plan itself is already there.
  await expect(page.getByRole('status').filter({ hasText: /E = \d+/ }).first()).toBeVisible();
  await job.getByRole('button', { name: 'Cancel band' }).click();
  await expect(job.getByRole('status')).toHaveText(/^Band cancelled after 30 of 300 replicates: the plan stands without its band\.$/);
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Uncertainty of the recommendation' })).toHaveCount(0);
  await expect(job.getByRole('button', { name: 'Compute the band' })).toBeVisible();
});

test('the Target page answers first and fills in its bootstrap band when the band job ends', async ({ appPage: page, app }) => {
  await restartSeeded(app, null);
  await openPage(page, 'Target');
  await page.getByRole('combobox', { name: 'Joint-law coefficient set' }).selectOption({ label: 'Band fixture (yours)' });
  const sure = page.getByRole('listitem').filter({ hasText: /^Joint MoE law:/ });
  await expect(sure).toContainText(/90 % band over \d+ bootstrap refits of your runs/, { timeout: 60_000 });
  await expect(page.getByRole('group', { name: 'Uncertainty band job' })).toHaveCount(0);
  const row = page.getByRole('table', { name: 'Cheapest design per law' }).getByRole('row').filter({ hasText: 'Joint MoE law' }).filter({ hasText: 'Training FLOPs' }).first();
  await expect(row).toContainText(/wins: E = \d+ in \d+ %/);
});

/** A planner-unit count as the tables and ticks write it ("84.3 B", "10 T"). */
function countOf(text: string): number {
  const m = /^([\d.,]+)\s*([KMBT]?)$/.exec(text.trim());
  if (!m) throw new Error(`not a count: "${text}"`);
  return Number(m[1]!.replace(/,/g, '')) * { '': 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[m[2] as '' | 'K' | 'M' | 'B' | 'T'];
}

interface Drawn {
  xTicks: Array<{ text: string; centre: number }>;
  yTicks: Array<{ text: string; centre: number }>;
  plot: { left: number; right: number; top: number; bottom: number };
  outlines: Array<{ left: number; right: number; top: number; bottom: number }>;
  legend: string[];
}

test('the Compute chart draws the band the table states: its outline spans the 90 % band of N_act and loss, whole, inside the plot', async ({ appPage: page, app }) => {
  await restartSeeded(app, null);
  await openPage(page, 'Compute');
  await chooseSet(page, 'Fixture fit');
  const table = page.getByRole('table', { name: 'Uncertainty of the recommendation' });
  await expect(table).toContainText('40 bootstrap refits');
  const cells = async (row: RegExp) => (await table.getByRole('row', { name: row }).getByRole('cell').allTextContents()).map((t) => t.trim());
  const [nLow, nHigh] = (await cells(/Active parameters/)).map(countOf) as [number, number];
  const [lossLow, lossHigh] = (await cells(/Predicted loss/)).map(Number) as [number, number];

  const figure = page.getByRole('figure', { name: /iso-FLOP line/ });
  // What the SVG draws: tick labels with their centres, the plot area (grid lines), and the closed, unfilled 2-px boxes in the band's colour (not the legend's icon, which is translated).
  let drawn: Drawn | null = null;
  await expect
    .poll(async () => {
      drawn = await figure.evaluate((f): Drawn => {
        const box = (e: Element) => e.getBoundingClientRect();
        const texts = [...f.querySelectorAll('svg text')].map((t) => ({ text: (t.textContent ?? '').trim(), r: box(t) }));
        const paths = [...f.querySelectorAll('svg path')];
        const lines = paths.filter((p) => /^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/.test(p.getAttribute('d') ?? '') && p.getAttribute('fill') === 'none').map(box);
        const vertical = lines.filter((r) => r.width < 1 && r.height > 50);
        const horizontal = lines.filter((r) => r.height < 1 && r.width > 50);
        const plot = { left: Math.min(...vertical.map((r) => r.left)), right: Math.max(...vertical.map((r) => r.right)), top: Math.min(...horizontal.map((r) => r.top)), bottom: Math.max(...horizontal.map((r) => r.bottom)) };
        return {
          xTicks: texts.filter((t) => / [KMBT]$/.test(t.text) && t.r.top > plot.bottom).map((t) => ({ text: t.text, centre: (t.r.left + t.r.right) / 2 })),
          yTicks: texts.filter((t) => /^\d+(\.\d+)?$/.test(t.text) && t.r.right <= plot.left + 1).map((t) => ({ text: t.text, centre: (t.r.top + t.r.bottom) / 2 })),
          plot,
          outlines: paths.filter((p) => p.getAttribute('stroke') === '#7b4fbf' && p.getAttribute('stroke-width') === '2' && p.getAttribute('fill-opacity') === '0' && /Z$/.test(p.getAttribute('d') ?? '') && !p.hasAttribute('transform')).map((p) => { const r = box(p); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; }),
          legend: texts.map((t) => t.text),
        };
      });
      return drawn.outlines.length;
    }, { timeout: 20_000 })
    .toBe(1);
  const d = drawn as unknown as Drawn;
  expect(d.legend).toContain('90 % band (bootstrap)');

  // Pixel ↔ value from the ticks themselves: log10 on x (inner ticks: the edge ones may be nudged inside), linear on y.
  const xs = d.xTicks.slice(1, -1);
  expect(xs.length).toBeGreaterThanOrEqual(2);
  const [xa, xb] = [xs[0]!, xs.at(-1)!];
  const xPerDecade = (xb.centre - xa.centre) / Math.log10(countOf(xb.text) / countOf(xa.text));
  const nAt = (px: number) => countOf(xa.text) * 10 ** ((px - xa.centre) / xPerDecade);
  const [ya, yb] = [d.yTicks[0]!, d.yTicks.at(-1)!];
  const pxPerNat = (yb.centre - ya.centre) / (Number(yb.text) - Number(ya.text));
  const lossAt = (px: number) => Number(ya.text) + (px - ya.centre) / pxPerNat;

  // The outline is whole: inside the plot, not clipped at an axis.
  const o = d.outlines[0]!;
  expect(o.left).toBeGreaterThan(d.plot.left + 1);
  expect(o.right).toBeLessThan(d.plot.right - 1);
  expect(o.top).toBeGreaterThan(d.plot.top + 1);
  expect(o.bottom).toBeLessThan(d.plot.bottom - 1);
  // And it spans the table's band, to within 2 px (plus the 3 significant digits the table shows).
  const xTol = 2 / xPerDecade;
  expect(Math.abs(Math.log10(nAt(o.left) / nLow))).toBeLessThan(xTol + 0.003);
  expect(Math.abs(Math.log10(nAt(o.right) / nHigh))).toBeLessThan(xTol + 0.003);
  const yTol = 2 / Math.abs(pxPerNat);
  expect(Math.abs(lossAt(o.bottom) - lossLow)).toBeLessThan(yTol + 0.0005);
  expect(Math.abs(lossAt(o.top) - lossHigh)).toBeLessThan(yTol + 0.0005);
});
