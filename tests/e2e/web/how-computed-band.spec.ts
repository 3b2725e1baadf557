/**
 * "How was this computed?" for a bootstrap band of 300 replicates, which runs as a band job: once
 * the job is done, the explanation lists every refit's best design (read from the band, not
 * re-solved), and the band's ends shown on the page are the 5th and 95th percentiles of that list
 * and its E-win shares their counts — both worked out here from the listed values.
 *
 * The data folder holds "Band fixture", a fit of tests/integration/next-run/fixture.ts's synthetic
 * runs with 300 replicates (above the 200 that stay inline).
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { seedNextRun } from '../fixtures/seed-next-run';
import { parseCountText, rawNotation } from '../fixtures/planner-units';

/** numpy's default (linear) percentile. */
function percentile(xs: number[], q: number): number {
  const v = [...xs].sort((a, b) => a - b);
  const h = (v.length - 1) * q;
  const i = Math.floor(h);
  return v[i]! + (h - i) * (v[Math.min(i + 1, v.length - 1)]! - v[i]!);
}

test('the band of a 300-replicate job: its explanation lists each refit’s best design, and the band shown is their percentiles', async ({ appPage: page, app }) => {
  await app.restart((dataDir) => seedNextRun(dataDir, [{ samples: 300, name: 'Band fixture' }]));
  await openPage(page, 'Compute');
  await page.getByRole('combobox', { name: 'Coefficient set' }).selectOption({ label: 'Band fixture (yours)' });
  const band = page.getByRole('table', { name: 'Uncertainty of the recommendation' });
  await expect(band).toContainText(/90 % band over \d+ bootstrap refits/, { timeout: 90_000 });
  const refits = Number(/over (\d+) bootstrap refits/.exec(await band.innerText())![1]);

  const button = page.getByRole('button', { name: 'How was this computed? (the uncertainty band)' });
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const region = page.getByRole('region', { name: 'How the uncertainty band was computed' });
  const list = region.getByRole('table', { name: /Each refit’s best design/ });
  await expect(list.getByRole('row')).toHaveCount(refits + 1, { timeout: 30_000 });
  await expect(list.getByRole('columnheader')).toHaveText(['Refit', 'E', 'N_act (parameters)', 'D (tokens)', 'L (nats/token)']);

  // Every listed design, read back from the page's planner units.
  const rows = await list.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
  expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: refits }, (_, i) => i + 1));
  const experts = rows.map((r) => Number(r[1]));
  const nAct = rows.map((r) => parseCountText(r[2]!));
  const tokens = rows.map((r) => parseCountText(r[3]!));
  const loss = rows.map((r) => Number(r[4]));

  // The band on the page (5th and 95th percentile columns) against the percentiles of the list:
  // counts are written to three significant digits and losses to four, so each side may be off by half its last digit.
  const shown = async (name: RegExp) => (await band.getByRole('row', { name }).getByRole('cell').allInnerTexts()).map((t) => t.trim());
  const [nLow, nHigh] = (await shown(/Active parameters/)).map(parseCountText) as [number, number];
  const [dLow, dHigh] = (await shown(/Training tokens/)).map(parseCountText) as [number, number];
  const [lLow, lHigh] = (await shown(/Predicted loss/)).map(Number) as [number, number];
  const near = (a: number, b: number, rel: number) => expect(Math.abs(a / b - 1), `${a} vs ${b}`).toBeLessThan(rel);
  near(nLow, percentile(nAct, 0.05), 0.011);
  near(nHigh, percentile(nAct, 0.95), 0.011);
  near(dLow, percentile(tokens, 0.05), 0.011);
  near(dHigh, percentile(tokens, 0.95), 0.011);
  expect(Math.abs(lLow - percentile(loss, 0.05))).toBeLessThan(0.0011);
  expect(Math.abs(lHigh - percentile(loss, 0.95))).toBeLessThan(0.0011);

  // Each E's share of wins, as the band's caption states it, is its count in the list.
  const caption = await band.locator('caption').innerText();
  for (const e of new Set(experts)) {
    const pct = Math.round((experts.filter((x) => x === e).length / refits) * 100);
    expect(caption).toContain(`E = ${e} in ${pct} %`);
  }
  // The explanation's own ends are the page's figures.
  const value = (symbol: string) => region.getByRole('table', { name: /^Uncertainty band: .*formulas with your values$/ }).getByRole('row', { name: new RegExp(`^${symbol} `) }).getByRole('cell').nth(2);
  await expect(value('L_lo')).toHaveText(`${lLow} nats/token`);
  await expect(value('L_hi')).toHaveText(`${lHigh} nats/token`);
  expect(rawNotation(await region.innerText())).toEqual([]);
});
