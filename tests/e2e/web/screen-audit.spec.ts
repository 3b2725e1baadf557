/**
 * What a screenshot audit at 1024 and 1280 px found on pages filled with saved work, checked as a
 * reader sees it: buttons side by side never touch, a table row's cells share the row's top and
 * bottom (a cell laid out as a flex box drew its borders out of line), every scenario of a
 * comparison is named under its bar, a fitted set's values are not printed to machine precision,
 * the Target page writes its spread as a multiple, the Deploy section's choices and the tables' captions are not cut off, and the Fit page, once a fit is saved, leads to
 * the saved set's own explanation on the Coefficients page.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../fixtures/web-app';
import { cliJson } from '../fixtures/cli';
import { openPage } from '../fixtures/navigate';
import { settledCharts } from '../fixtures/chart-text';
import { rawNotation } from '../fixtures/planner-units';
import { runSmallFit } from './small-fit';

const WIDTHS = [1024, 1280];

/** Pairs of visible buttons on one line closer than 4 px (or overlapping), by their names. */
async function touchingButtons(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) => {
    const buttons = [...main.querySelectorAll('button')]
      .map((b) => ({ name: (b.getAttribute('aria-label') ?? b.textContent ?? '').trim(), r: b.getBoundingClientRect() }))
      .filter((b) => b.r.width > 0 && b.r.height > 0);
    const out: string[] = [];
    for (let i = 0; i < buttons.length; i++)
      for (let j = i + 1; j < buttons.length; j++) {
        const [a, b] = [buttons[i]!, buttons[j]!];
        const sameLine = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top) > 2;
        const gap = Math.max(a.r.left, b.r.left) - Math.min(a.r.right, b.r.right);
        if (sameLine && gap < 4) out.push(`“${a.name}” and “${b.name}” ${gap < 0 ? 'overlap' : `${gap.toFixed(1)} px apart`}`);
      }
    return out;
  });
}

/** Cells of a table's body rows whose top or bottom is not their row's (more than a pixel off). */
async function cellsOutOfLine(table: Locator): Promise<string[]> {
  return table.evaluate((t) => {
    const out: string[] = [];
    for (const row of t.querySelectorAll('tbody tr')) {
      const r = row.getBoundingClientRect();
      for (const cell of row.children) {
        if ((cell as HTMLTableCellElement).rowSpan > 1) continue;
        const c = cell.getBoundingClientRect();
        if (Math.abs(c.top - r.top) > 1 || Math.abs(c.bottom - r.bottom) > 1)
          out.push(`${(row.firstElementChild?.textContent ?? '').trim().slice(0, 30)} / ${(cell.textContent ?? '').trim().slice(0, 30)}: cell ${c.top.toFixed(0)}–${c.bottom.toFixed(0)}, row ${r.top.toFixed(0)}–${r.bottom.toFixed(0)}`);
      }
    }
    return out;
  });
}

/** Selects in `scope` whose chosen option's text is wider than the box shows (beside the arrow), by their names. */
async function cutOffChoices(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    return [...root.querySelectorAll('select')].flatMap((sel) => {
      const s = getComputedStyle(sel);
      ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      const text = sel.selectedOptions[0]?.text ?? '';
      // Chromium draws the arrow inside the right padding's edge: about 20 px of the box are not the text's.
      const room = sel.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 20;
      return ctx.measureText(text).width > room ? [`${sel.labels[0]?.textContent?.trim() ?? sel.id}: “${text}” (${ctx.measureText(text).width.toFixed(0)} px in ${room.toFixed(0)})`] : [];
    });
  });
}

/** Captions of tables in a scrolling frame that run past the frame's right edge (cut off), by their text. */
async function captionsPastFrame(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) =>
    [...main.querySelectorAll('.table-wrap > table > caption')].flatMap((c) => {
      const frame = c.closest('.table-wrap')!.getBoundingClientRect();
      const r = c.getBoundingClientRect();
      return r.width > 0 && r.right > frame.right + 1 ? [`${(c.textContent ?? '').trim().slice(0, 60)}… (${(r.right - frame.right).toFixed(0)} px past)`] : [];
    }),
  );
}

const PLANS: Array<[string, string[]]> = [
  ['Compute 1e22', ['plan', 'compute', '--flops', '1e22']],
  ['512 H100 × 30 days', ['plan', 'compute', '--days', '30', '--hardware', 'h100-sxm', '--devices', '512', '--price', '2.5']],
  ['Serve on one 8×H100 node at 1e23', ['plan', 'memory', '--flops', '1e23', '--hardware', '8xh100']],
  ['Inference of 2 T tokens at 1e23', ['plan', 'inference', '--flops', '1e23', '--inference-tokens', '2e12']],
];

test('saved work at 1024 and 1280 px: buttons apart, table rows in line, every compared scenario named, values and spreads in planner notation', async ({ appPage: page, app }) => {
  test.setTimeout(300_000);
  const project = cliJson<{ id: string }>(app.dataDir, 'projects', 'create', '--name', 'Audit');
  for (const [name, args] of PLANS) cliJson(app.dataDir, ...args, '--save', name, '--project', project.id);
  cliJson(app.dataDir, 'target', '--match-dense-params', '7e9', '--match-dense-tokens', '2e12', '--hardware', 'h100-sxm', '--price', '2.5', '--save', 'Match a 7B dense', '--project', project.id);

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 1024 ? 700 : 800 });
    const at = `at ${width} px`;

    // The Deploy section's choices read whole.
    await openPage(page, 'Compute');
    const deploy = page.getByRole('form', { name: 'Deployment inputs' });
    await expect(deploy.getByRole('combobox').first()).toBeVisible();
    expect.soft(await cutOffChoices(deploy), `Deploy inputs ${at}`).toEqual([]);

    // A caption stays within its table's scrolling frame, where it can be read whole.
    await openPage(page, 'Baselines');
    await expect(page.getByRole('table', { name: 'Dense against MoE at the same total parameter count' })).toBeVisible();
    expect.soft(await captionsPastFrame(page), `Baselines page ${at}`).toEqual([]);

    // A scenario opened back into its page: "Save as scenario" and "Update …" side by side.
    await openPage(page, 'Scenarios');
    await page.getByRole('button', { name: 'Open Match a 7B dense', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Target' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Update “Match a 7B dense”' })).toBeVisible();
    const disagreement = page.getByRole('table', { name: 'Law disagreement' });
    await expect(disagreement).toBeVisible();
    expect.soft(await touchingButtons(page), `Target page ${at}`).toEqual([]);
    // The spread of the laws' answers is a multiple, written as every multiple is ("381×"), never "×381.04".
    for (const cell of await disagreement.getByRole('row').filter({ has: page.getByRole('cell') }).evaluateAll((rows) => rows.map((r) => r.children[2]?.textContent?.trim() ?? '')))
      expect.soft(cell, `Target page ${at}: spread`).toMatch(/^[\d,]+(\.\d+)?×$/);

    await openPage(page, 'Scenarios');
    const saved = page.getByRole('table', { name: 'Saved scenarios' });
    await expect(saved.getByRole('row', { name: /Match a 7B dense/ })).toBeVisible();
    expect.soft(await cellsOutOfLine(saved), `Saved scenarios ${at}`).toEqual([]);
    expect.soft(await touchingButtons(page), `Scenarios page ${at}`).toEqual([]);

    // The comparison's bar chart names each scenario under its bar, however many share the width.
    for (const [name] of PLANS) await page.getByRole('checkbox', { name: `Select ${name} for comparison` }).check();
    await page.getByRole('button', { name: 'Compare 4 selected' }).click();
    await expect(page.getByRole('table', { name: 'Scenario comparison' })).toBeVisible();
    const bars = (await settledCharts(page, 4)).find((c) => c.title.startsWith('Memory of the best design'));
    expect(bars, 'the comparison draws the memory of each best design').toBeTruthy();
    const drawn = bars!.texts.map((t) => t.text).join(' ');
    for (const [name] of PLANS) for (const word of name.split(' ')) expect.soft(drawn, `${at}: “${name}” under its bar`).toContain(word);
    await page.getByRole('button', { name: 'Close comparison' }).click();
    for (const [name] of PLANS) await page.getByRole('checkbox', { name: `Select ${name} for comparison` }).uncheck();

    for (const [name, table] of [['Coefficients', 'Coefficient sets'], ['Hardware', 'Hardware profiles']] as const) {
      await openPage(page, name);
      const t = page.getByRole('table', { name: table });
      await expect(t.getByRole('row').nth(2)).toBeVisible();
      expect.soft(await cellsOutOfLine(t), `${table} ${at}`).toEqual([]);
      expect.soft(await touchingButtons(page), `${name} page ${at}`).toEqual([]);
    }
  }

  // A fit saved on the Fit page: the page says where the saved set explains itself, and the link lands on that explanation.
  await runSmallFit(page);
  await page.getByRole('textbox', { name: 'Coefficient set name' }).fill('Audit fit');
  await page.getByRole('button', { name: 'Save as coefficient set' }).click();
  const link = page.getByRole('link', { name: /How “Audit fit” was computed.*Coefficients page/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Coefficients' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Audit fit' })).toBeInViewport();
  const region = page.getByRole('region', { name: 'How this set’s fitted coefficients were computed' });
  await expect(region.getByRole('note').first()).toContainText('20 runs from pasted text');
  // The values a fit found are binary doubles; the page writes them as the published sets are written.
  const values = page.getByRole('table', { name: 'Values of Audit fit' });
  await expect(values.getByRole('row')).toHaveCount(6);
  expect(rawNotation(await values.innerText())).toEqual([]);
  expect(rawNotation(await page.getByRole('region', { name: 'Audit fit' }).innerText())).toEqual([]);
});
