/**
 * Issue 12, item 8: at 1024×700 the recommendation is on screen without scrolling, and the
 * navigation column's background runs the page's full height, however long the page.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { readPng } from '../fixtures/png';

test.use({ viewport: { width: 1024, height: 700 } });

test('at 1024×700 the recommendation is visible without scrolling, on every planning page', async ({ appPage: page }, testInfo) => {
  for (const name of ['Compute', 'Memory', 'Inference']) {
    await openPage(page, name);
    const rec = page.getByRole('region', { name: 'Recommendation' }).getByRole('status').first();
    await expect(rec).toContainText('E = ');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const box = (await rec.boundingBox())!;
    expect(box.y, `${name}: recommendation top`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${name}: recommendation bottom`).toBeLessThanOrEqual(700);
    await page.screenshot({ path: testInfo.outputPath(`${name.toLowerCase()}-1024x700.png`) });
  }
});

test('the navigation column’s background runs the full height of a long page, in a full-page view too', async ({ appPage: page }) => {
  await openPage(page, 'Compute');
  await expect(page.getByRole('table', { name: 'Candidates per expert count' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Pages' });
  const colour = (await nav.evaluate((n) => getComputedStyle(n).backgroundColor)).match(/\d+/g)!.slice(0, 3).map(Number);
  // A full-page view draws the whole document at once (as printing does): the sticky column alone covers one screen of it.
  const shot = readPng(await page.screenshot({ fullPage: true }));
  expect(shot.height).toBeGreaterThan(2 * 700);
  // x = 4 lies in the column's padding, left of every link and label.
  const off: number[] = [];
  for (let y = 0; y < shot.height; y += 25) if (shot.at(4, y).join() !== colour.join()) off.push(y);
  expect(off, `rows at x = 4 not in the navigation's colour ${colour.join(', ')}`).toEqual([]);
});
