/**
 * Screen audit at 1024×700 and 1280×800: a dropdown shows its chosen option whole, a two-line box heading is not crossed by
 * its box's border, and a label stays on one line with the control it names (Scenarios' import, Leverage's contour cell).
 * Every check compares boxes the browser laid out; none reads the stylesheet.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import type { Locator } from '@playwright/test';

/**
 * Whether a select shows its chosen option whole. A copy holding only that option, on one line and sized to its content
 * (text, padding, arrow), gives the width one line needs and one line's height: either the select is that wide, or it
 * wraps the option over at least as many lines as that width needs.
 */
async function showsChosenWhole(select: Locator): Promise<{ whole: boolean; needed: number; width: number; lines: number }> {
  return select.evaluate((el) => {
    const s = el as HTMLSelectElement;
    const copy = s.cloneNode(false) as HTMLSelectElement;
    copy.removeAttribute('id');
    copy.append(s.options[s.selectedIndex]!.cloneNode(true));
    Object.assign(copy.style, { width: 'auto', minWidth: '0', maxWidth: 'none', whiteSpace: 'nowrap', position: 'absolute', visibility: 'hidden' });
    s.parentElement!.append(copy);
    const one = copy.getBoundingClientRect();
    copy.remove();
    const box = s.getBoundingClientRect();
    const lineHeight = parseFloat(getComputedStyle(s).lineHeight);
    const lines = 1 + Math.round((box.height - one.height) / lineHeight);
    const whole = one.width <= box.width + 0.5 || lines >= Math.ceil(one.width / box.width);
    return { whole, needed: Math.round(one.width), width: Math.round(box.width), lines };
  });
}

/** Pages and the dropdowns on them whose chosen option the audit found cut off, as a user finds them: by label. */
const DROPDOWNS: [page: string, label: string][] = [
  ['Memory', 'Device'],
  ['Compute', 'Coefficient set'],
  ['Fit', 'Law'],
];

for (const [width, height] of [[1024, 700], [1280, 800]] as const) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test('every dropdown in the inputs shows its chosen option whole', async ({ appPage: page }) => {
      for (const [name, label] of DROPDOWNS) {
        await openPage(page, name);
        const select = page.getByLabel(label, { exact: true });
        await expect(select).toBeVisible();
        // Each choice in turn: the longest is the one that matters.
        const values = await select.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.value));
        for (const value of values) {
          await select.selectOption(value);
          const seen = await showsChosenWhole(select);
          expect(seen.whole, `${name}: '${label}' = ${value}: ${JSON.stringify(seen)}`).toBe(true);
        }
      }
      await page.screenshot({ path: test.info().outputPath('fit.png') });
    });

    test('a box heading of two lines is not crossed by its box’s border', async ({ appPage: page }) => {
      for (const [name, heading] of [['Inference', 'Total budget (training + inference)'], ['Next runs', 'What you plan and can spend']] as const) {
        await openPage(page, name);
        const box = page.getByRole('group', { name: heading, exact: true });
        await expect(box).toBeVisible();
        const [top, legend] = await box.evaluate((f) => [f.getBoundingClientRect().top + parseFloat(getComputedStyle(f).borderTopWidth), f.querySelector('legend')!.getBoundingClientRect()]);
        // The border's line lies wholly above the heading or wholly below it (at 1280 px it may fit one line).
        expect(top <= legend.top + 0.5 || top >= legend.bottom - 0.5, `${name}: border at y = ${top}, heading from ${legend.top} to ${legend.bottom}`).toBe(true);
      }
    });

    test('a label stays on one line with the control it names', async ({ appPage: page }) => {
      const sameLine = async (label: string): Promise<void> => {
        const control = page.getByLabel(label, { exact: true });
        const [l, c] = await Promise.all([page.locator('label', { hasText: label }).boundingBox(), control.boundingBox()]);
        // On one line: the two boxes overlap vertically, and the control begins right of the label.
        expect(c!.y < l!.y + l!.height && l!.y < c!.y + c!.height, `'${label}': label ${JSON.stringify(l)}, control ${JSON.stringify(c)}`).toBe(true);
        expect(c!.x).toBeGreaterThanOrEqual(l!.x + l!.width);
      };
      await openPage(page, 'Scenarios');
      await sameLine('Import project (JSON)');
      await openPage(page, 'Leverage');
      await expect(page.getByLabel('Contour cell to explain: activation ratio A')).toBeVisible();
      await sameLine('Contour cell to explain: activation ratio A');
      await sameLine('granularity G');
    });
  });
}
