/** "How was this computed?": the disclosures beside each page's figures, opened as a user would (the first from the keyboard), each of the figures the page shows. */
import { test, expect } from '../fixtures/web-app';
import { cliJson } from '../fixtures/cli';
import { openPage } from '../fixtures/navigate';
import { rawNotation } from '../fixtures/planner-units';

/** Reads a planner figure back into a number: "6.778", "40.0%", "12 B", "5.01 × 10⁻⁴", "7,020". */
function figure(text: string): number {
  const t = text.replace(/[a-zA-Z/]+(?:\s+[a-zA-Z/]+)*$/, '').replace(/×$/, '').trim();
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const power = /^(−?[\d.,]+) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/.exec(t);
  if (power) {
    const e = [...power[2]!].map((c) => (c === '⁻' ? '-' : String(sup.indexOf(c)))).join('');
    return Number(power[1]!.replace('−', '-').replace(/,/g, '')) * 10 ** Number(e);
  }
  if (t.endsWith('%')) return Number(t.slice(0, -1)) / 100;
  const m = /^(−?[\d.,]+)\s*([KMBT]?)/.exec(t);
  if (!m) throw new Error(`not a figure: ${text}`);
  return Number(m[1]!.replace('−', '-').replace(/,/g, '')) * { '': 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[m[2] as '' | 'K' | 'M' | 'B' | 'T'];
}
/** One unit in the last of `sig` significant digits of x. */
const ulp = (x: number, sig: number) => 10 ** (Math.floor(Math.log10(Math.abs(x))) - sig + 1);
/**
 * The explanation's value (written to at most four significant digits) and the page's (to `sig`)
 * are roundings of one number: they differ by at most half a last digit of each.
 */
const sameTo = (explained: number, shown: number, sig: number) =>
  expect(Math.abs(explained - shown), `${explained} against ${shown} shown to ${sig} digits`).toBeLessThanOrEqual(0.5 * ulp(shown, sig) + 0.5 * ulp(explained, 4) + 1e-12 * Math.abs(shown));

/** Opens a disclosure by its button, as a user would, and returns its region (named "How … were computed" for a plural subject). */
async function open(page: import('@playwright/test').Page, subject: string, verb: 'was' | 'were' = 'was') {
  const button = page.getByRole('button', { name: `How was this computed? (${subject})` });
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const region = page.getByRole('region', { name: `How ${subject} ${verb} computed` });
  await expect(region.getByRole('table').first()).toBeVisible();
  return region;
}
/** A row's cells (formula, with your values, value) in the explanation table with this name. */
const rowIn = (region: import('@playwright/test').Locator, table: string | RegExp, symbol: string) =>
  region.getByRole('table', { name: table }).getByRole('row', { name: new RegExp(`^${symbol.replace(/[()*]/g, '\\$&')} `) }).getByRole('cell');

/**
 * The design's "Model shape" table and its "exact and buildable shapes" explanation, of the E the page designs
 * (Compute and Memory pages). Checks what both pages must show: the exact width and the buildable memory are the
 * table's. Returns the table's cells and the explanation's rows, for the page's own checks.
 */
async function shapesExplained(page: import('@playwright/test').Page) {
  const shape = page.getByRole('table', { name: 'Model shape' });
  await expect(shape).toBeVisible();
  const cells = (name: RegExp) => shape.getByRole('row', { name }).getByRole('cell');
  const E = Number(/Design of E = (\d+)/.exec(await page.getByRole('heading', { name: /Design of E = / }).innerText())![1]);
  const region = await open(page, 'the exact and buildable shapes', 'were');
  const exact = (symbol: string) => rowIn(region, new RegExp(`^Exact continuous shape of E = ${E}`), symbol);
  const buildable = (symbol: string) => rowIn(region, new RegExp(`^Buildable shape of E = ${E}`), symbol);
  sameTo(figure(await exact('d_model').nth(2).innerText()), figure(await cells(/^d_model/).nth(0).innerText()), 4);
  await expect(buildable('M_b').nth(2)).toHaveText(await cells(/^Total memory/).nth(1).innerText());
  expect(rawNotation(await region.innerText())).toEqual([]);
  return { E, region, cells, exact, buildable };
}

/** A page's recommended design explained (Memory and Inference pages): its region, and a figure of the "Model shape" table's first column. */
async function recommendedExplained(page: import('@playwright/test').Page, name: string) {
  await openPage(page, name);
  const shape = page.getByRole('table', { name: 'Model shape' });
  await expect(shape).toBeVisible();
  const region = await open(page, 'the recommended design');
  const shown = (row: RegExp) => shape.getByRole('row', { name: row }).getByRole('cell').first().innerText();
  return { region, shown };
}

test('Compute page at 10²² FLOPs: the recommendation’s formula opens by keyboard, and opened after a rejected input it explains the result still shown', async ({ appPage: page, app }) => {
  // One page for 2 checks that start from the same plan: each was a test of its own, each computing it on a fresh app.
  await openPage(page, 'Compute');
  await page.getByRole('textbox', { name: /Training budget/ }).fill('1×10^22');
  await expect(page.getByText('= 1.0 × 10²² FLOPs ≈', { exact: false })).toBeVisible();
  const cli = cliJson<{ best: { experts: number; loss: number } }>(app.dataDir, 'plan', 'compute', '--flops', '1e22');
  const best = page.getByRole('table', { name: 'Candidates per expert count' }).getByRole('row', { name: /\(best\)/ });
  await expect(best.getByRole('rowheader')).toHaveText(new RegExp(`^${cli.best.experts}\\b`));
  const optimumTable = `Joint MoE law: compute-optimal N_act and D at E = ${cli.best.experts}: formulas with your values`;
  const lossShown = `${Number(cli.best.loss.toPrecision(4))} nats/token`;

  await test.step('Compute page: the recommendation’s formula opens by keyboard, with Table 3’s coefficients substituted and the CLI’s loss', async () => {
    const button = page.getByRole('button', { name: /How was this computed\? \(the recommended design\)/ });
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');

    const region = page.getByRole('region', { name: 'How the recommended design was computed' });
    const optimum = region.getByRole('table', { name: optimumTable });
    await expect(optimum).toBeVisible();
    await expect(region).toContainText('L_opt = a·Ê^δ·N_opt^(α + γ·ln Ê) + b·Ê^ω·D_opt^(β + ζ·ln Ê) + c');
    // Eq. 5's m = a·Ê^δ with Table 3's a = 35.91 and δ = −0.2285 substituted.
    const m = optimum.getByRole('row', { name: /^m / });
    await expect(m.getByRole('cell').nth(0)).toHaveText('a·Ê^δ');
    await expect(m.getByRole('cell').nth(1)).toHaveText(/^35\.91·\d+(\.\d+)?\^\(−0\.2285\)$/);
    // The loss at the optimum is the CLI's recommended loss, to the four digits shown.
    await expect(optimum.getByRole('row', { name: /^L_opt / }).getByRole('cell').nth(2)).toHaveText(lossShown);
    await expect(region).toContainText('arXiv:2502.05172');
    await expect(region.getByRole('table', { name: /^Training compute/ })).toContainText('6·N_act·D');
    expect(rawNotation(await region.innerText())).toEqual([]);

    // Closed again from the keyboard.
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(region).toBeHidden();
  });

  await test.step('Compute page: opened after an input the main side rejects, the explanation is of the result still shown, not of the rejected inputs', async () => {
    // A repeated expert count passes the field but not the contract: the last valid result stays.
    await page.getByRole('textbox', { name: /Expert counts/ }).fill('1, 2, 2');
    await expect(page.getByRole('status').filter({ hasText: /Showing the last valid result/ })).toBeVisible();
    await page.getByRole('textbox', { name: /Training budget/ }).fill('1e23');
    await expect(page.getByRole('status').filter({ hasText: /Showing the last valid result/ })).toBeVisible();
    const region = await open(page, 'the recommended design');
    const optimum = region.getByRole('table', { name: optimumTable });
    await expect(optimum.getByRole('row', { name: /^L_opt / }).getByRole('cell').nth(2)).toHaveText(lossShown);
    await expect(optimum.getByRole('row', { name: /^N_opt / }).getByRole('cell').nth(1)).toContainText('(1.0 × 10²²)/6');
    await expect(region.getByRole('alert')).toHaveCount(0);
  });
});

test('Architecture page: the optimum’s G_opt = √(f/e), S_opt and N_a/N are the figures the table shows, and the checked design’s loss', async ({ appPage: page }) => {
  await openPage(page, 'Architecture');
  await page.getByRole('textbox', { name: /Total parameters N/ }).fill('30e9');
  const table = page.getByRole('table', { name: 'Optimal architecture' });
  await expect(table.getByRole('row', { name: /G_opt/ })).toContainText('6.78');
  const region = await open(page, 'the optimal architecture');
  const t = /optimal G, S and N_a\/N for N = 30 B: formulas/;
  await expect(rowIn(region, t, 'G_opt').nth(0)).toHaveText('√(f/e)');
  await expect(rowIn(region, t, 'G_opt').nth(1)).toHaveText('√(7.2446/0.1577)');
  sameTo(figure(await rowIn(region, t, 'G_opt').nth(2).innerText()), figure(await table.getByRole('row', { name: /G_opt/ }).getByRole('cell').first().innerText()), 3);
  sameTo(figure(await rowIn(region, t, 'S_opt').nth(2).innerText()), figure(await table.getByRole('row', { name: /S_opt/ }).getByRole('cell').first().innerText()), 3);
  // Both activation ratios, to the digits the table shows (the paper's ≈ 40% at 30 B among them).
  await expect(rowIn(region, t, 'r_opt').nth(2)).toHaveText((await table.getByRole('row', { name: /theoretical/ }).getByRole('cell').first().innerText()).split(' ')[0]!);
  await expect(rowIn(region, t, 'r_τ').nth(2)).toHaveText((await table.getByRole('row', { name: /efficiency-aware/ }).getByRole('cell').first().innerText()).split(' ')[0]!);
  await expect(region).toContainText('arXiv:2509.23678');
  expect(rawNotation(await region.innerText())).toEqual([]);

  const loss = await open(page, 'the checked design’s loss');
  const shown = await page.getByRole('table', { name: 'Loss of the checked design' }).getByRole('row', { name: /^Loss/ }).getByRole('cell').first().innerText();
  await expect(rowIn(loss, /loss: formulas/, 'L').nth(2)).toHaveText(shown);
});

test('Leverage page: the contour chart’s cells, EL, its dense compute, the best granularity and the allocation are the figures shown', async ({ appPage: page }) => {
  // One page for 2 checks at 10²² FLOPs: each was a test of its own, each starting an app.
  await test.step('Leverage page: the contour chart’s highest cell and corners are Eq. 13 at their activation ratio and granularity', async () => {
    await openPage(page, 'Leverage');
    await page.getByRole('textbox', { name: /Training compute C/ }).fill('1e22');
    const region = await open(page, 'the leverage contours', 'were');
    await expect(region.getByRole('note').first()).toContainText(/Each of the \d+ × \d+ cells is Eq\. 13/);
    const top = rowIn(region, /^Contour cell, highest EL/, 'EL');
    await expect(top.nth(0)).toHaveText(/^Â\^/);
    // The grid's highest EL lies at its lowest activation ratio, and above the "over 7" at 3.1 %.
    await expect(region.getByRole('table', { name: /^Contour cell, highest EL: EL at A = 0\.8/ })).toBeVisible();
    expect(figure(await top.nth(2).innerText())).toBeGreaterThan(7);
    for (const corner of ['lowest A, lowest G', 'lowest A, highest G', 'highest A, lowest G', 'highest A, highest G']) {
      await expect(region.getByRole('table', { name: new RegExp(`^Contour cell, ${corner}:`) })).toBeVisible();
    }
    await expect(region).toContainText('arXiv:2507.17702');
    expect(rawNotation(await region.innerText())).toEqual([]);
  });

  await test.step('Leverage page: EL, its dense compute, the best granularity, and Table 1 / Eq. 3’s allocation and hyper-parameters are the figures shown', async () => {
    await openPage(page, 'Leverage');
    await page.getByRole('radio', { name: 'Activation ratio and granularity' }).check();
    await page.getByRole('textbox', { name: /Activation ratio A/ }).fill('0.031');
    await page.getByRole('textbox', { name: /Granularity G/ }).fill('12');
    await page.getByRole('textbox', { name: /Training compute C/ }).fill('1e22');
    const el = page.getByRole('table', { name: 'Efficiency leverage' });
    await expect(el.getByRole('row', { name: /Efficiency leverage EL/ })).toContainText('×');
    const region = await open(page, 'efficiency leverage');
    const shownEl = figure(await el.getByRole('row', { name: /Efficiency leverage EL/ }).getByRole('cell').innerText());
    sameTo(figure(await rowIn(region, /^Efficiency Leverage: formulas/, 'EL').nth(2).innerText()), shownEl, 3);
    // Tian et al.: "EL above 7 at 10²² FLOPs for A = 3.1%, G = 12".
    expect(shownEl).toBeGreaterThan(7);
    sameTo(figure(await rowIn(region, /^Efficiency Leverage: formulas/, 'C_dense').nth(2).innerText()), figure(await el.getByRole('row', { name: /Equivalent dense compute/ }).getByRole('cell').innerText()), 2);
    const bestShown = await el.getByRole('row', { name: /Best granularity/ }).getByRole('cell').innerText();
    sameTo(figure(await rowIn(region, /best granularity/, 'G*').nth(2).innerText()), Number(/G = ([\d.]+)/.exec(bestShown)![1]), 3);
    expect(rawNotation(await region.innerText())).toEqual([]);

    const alloc = await open(page, 'the allocation and hyper-parameters', 'were');
    const shown = page.getByRole('table', { name: 'Compute-optimal allocation and hyper-parameters' });
    for (const [name, title] of [['MoE', /MoE compute-optimal/], ['Dense', /Dense compute-optimal/]] as const) {
      const cells = shown.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell');
      sameTo(figure(await rowIn(alloc, title, 'M_opt').nth(2).innerText()), figure(await cells.nth(0).innerText()), 2);
      sameTo(figure(await rowIn(alloc, title, 'D_opt').nth(2).innerText()), figure(await cells.nth(1).innerText()), 3);
      sameTo(figure(await rowIn(alloc, title, 'η_opt').nth(2).innerText()), figure(await cells.nth(2).innerText()), 3);
      sameTo(figure(await rowIn(alloc, title, 'B_opt').nth(2).innerText()), figure(await cells.nth(3).innerText()), 3);
    }
    // Table 1's MoE allocation as printed, substituted.
    await expect(rowIn(alloc, /MoE compute-optimal/, 'M_opt').nth(1)).toHaveText('0.1915·(1.0 × 10²²)^(0.5095)');
    await expect(alloc).toContainText('arXiv:2507.17702');
    expect(rawNotation(await alloc.innerText())).toEqual([]);
  });
});

test('Compute page at 10²² FLOPs and E = 1, 4, 8: the savings, the recommended design, the exact and buildable shapes, the other candidates and the band are the figures shown', async ({ appPage: page, app }) => {
  // One page for 2 checks that need the same inputs: each was a test of its own, each computing the same plans on a fresh app.
  await test.step('Compute page: the savings against dense, each E’s FLOPs to match, and Eq. 8’s learning rate are the figures shown', async () => {
    await openPage(page, 'Compute');
    await page.getByRole('textbox', { name: /Training budget/ }).fill('1e22');
    await page.getByRole('textbox', { name: /Expert counts/ }).fill('1, 4, 8');
    const cli = cliJson<{ perExpert: Array<{ experts: number; feasible: boolean; savings: number; flopsToMatch: number }> }>(app.dataDir, 'compare', 'dense-moe', '--flops', '1e22', '--experts', '1,4,8');
    const savings = page.getByRole('table', { name: 'MoE against a compute-optimal dense model' });
    await expect(savings.getByRole('row', { name: /^8\b/ })).toBeVisible();
    const region = await open(page, 'the savings against dense', 'were');
    for (const p of cli.perExpert.filter((x) => x.experts > 1 && x.feasible)) {
      const title = new RegExp(`FLOPs for E = ${p.experts} to match`);
      const shown = savings.getByRole('row', { name: new RegExp(`^${p.experts}\\b`) }).getByRole('cell');
      await expect(rowIn(region, title, 'savings').nth(2)).toHaveText(await shown.nth(3).innerText());
      sameTo(figure(await rowIn(region, title, 'F_match').nth(2).innerText()), p.flopsToMatch, 2);
    }
    await expect(region).toContainText('F_match = 6·((L_dense − c)/K)^(1/s)');
    expect(rawNotation(await region.innerText())).toEqual([]);

    const design = await open(page, 'the recommended design');
    const lrShown = await page.getByRole('table', { name: 'Training recipe' }).getByRole('row', { name: /Peak learning rate/ }).getByRole('cell').innerText();
    sameTo(figure(await rowIn(design, /peak learning rate/, 'LR').nth(2).innerText()), figure(lrShown.split(' (')[0]!), 3);
    await expect(design).toContainText('LR(N, E) = exp(8.39 − 0.81·ln N − 0.25·ln E)');
  });

  await test.step('Compute page: the design table’s exact and buildable columns, the other candidates and the band are the figures shown', async () => {
    await openPage(page, 'Compute');
    await page.getByRole('textbox', { name: /Training budget/ }).fill('1e22');
    await page.getByRole('textbox', { name: /Expert counts/ }).fill('1, 4, 8');
    // The plan for these three expert counts is on screen (a header row and three candidates).
    await expect(page.getByRole('table', { name: 'Candidates per expert count' }).getByRole('row')).toHaveCount(4);
    const { E, region, cells, exact, buildable } = await shapesExplained(page);
    // The width from N_act by Cardano's formula, written with the vocabulary whole.
    await expect(exact('d_model').nth(0)).toHaveText('u − p/(3·u)');
    await expect(exact('p').nth(1)).toHaveText('2·50,257/(13/64)');
    sameTo(figure(await exact('N_total').nth(2).innerText()), figure(await cells(/^Total parameters/).nth(0).innerText()), 3);
    // The buildable column: d_b = 64·h exactly, its counts, loss and memory.
    expect(figure(await buildable('d_b').nth(2).innerText())).toBe(figure(await cells(/^d_model/).nth(1).innerText()));
    sameTo(figure(await buildable('N_total_b').nth(2).innerText()), figure(await cells(/^Total parameters/).nth(1).innerText()), 3);
    sameTo(figure(await buildable('D_b').nth(2).innerText()), figure(await cells(/^Training tokens/).nth(1).innerText()), 3);
    sameTo(figure(await buildable('L_b').nth(2).innerText()), Number(await cells(/^Predicted loss/).nth(1).innerText()), 5);
    await expect(region.getByRole('note').filter({ hasText: /The other, d_model [\d,]+/ })).toBeVisible();

    const candidates = page.getByRole('table', { name: 'Candidates per expert count' });
    const others = await open(page, 'the other candidates', 'were');
    for (const e of [1, 4, 8].filter((x) => x !== E)) {
      const row = candidates.getByRole('row', { name: new RegExp(`^${e}\\b`) }).getByRole('cell');
      const title = new RegExp(`^Candidate E = ${e}:`);
      // Cells: active / total, tokens / per param, loss, FLOPs, weights / KV, fits / bound by, buildable / LR.
      const pair = async (i: number) => (await row.nth(i).innerText()).split(' /').map((t) => t.trim());
      sameTo(figure(await rowIn(others, title, 'L').nth(2).innerText()), Number(await row.nth(2).innerText()), 5);
      sameTo(figure(await rowIn(others, title, 'N_opt').nth(2).innerText()), figure((await pair(0))[0]!), 3);
      sameTo(figure(await rowIn(others, title, 'N_total').nth(2).innerText()), figure((await pair(0))[1]!), 3);
      sameTo(figure(await rowIn(others, title, 'D/N_act').nth(2).innerText()), figure((await pair(1))[1]!), 2);
      expect(figure(await rowIn(others, title, 'd_b').nth(2).innerText())).toBe(figure((await pair(6))[0]!.split(' × ')[0]!));
    }
    expect(rawNotation(await others.innerText())).toEqual([]);

    const band = await open(page, 'the uncertainty band');
    const shown = page.getByRole('table', { name: 'Uncertainty of the recommendation' }).getByRole('row', { name: /Predicted loss/ }).getByRole('cell');
    await expect(rowIn(band, /^Uncertainty band/, 'L_lo').nth(2)).toHaveText(`${await shown.nth(0).innerText()} nats/token`);
    await expect(rowIn(band, /^Uncertainty band/, 'L_hi').nth(2)).toHaveText(`${await shown.nth(1).innerText()} nats/token`);
    await expect(rowIn(band, /^Uncertainty band/, 'L_lo').nth(1)).toHaveText(/ − 0\.0062$/);
    expect(rawNotation(await band.innerText())).toEqual([]);
  });
});

test('Memory and Inference pages with their defaults: every explanation is of the figures shown', async ({ appPage: page }) => {
  // One page for 5 checks that need the same inputs: each was a test of its own, each computing the same plans on a fresh app.
  test.setTimeout(5 * 60_000);
  await test.step('Memory page: the buildable shape’s memory and the memory-bound width are the figures shown', async () => {
    await openPage(page, 'Memory');
    await shapesExplained(page);
  });

  await test.step('Memory page: a cell of the optimal-E table is the best of every E under its budget and device, with its active parameters', async () => {
    await openPage(page, 'Memory');
    const table = page.getByRole('table', { name: 'Optimal expert count by training budget and device' });
    await expect(table).toBeVisible();
    const row = table.getByRole('row').nth(3);
    const budget = await row.getByRole('rowheader').innerText();
    const device = await table.getByRole('columnheader').nth(1).innerText();
    const cell = await row.getByRole('cell').first().innerText();
    const [, E, active, bound] = /E = (\d+)[\s\S]*\(([^)]+) active, (compute|memory)\)/.exec(cell)!;
    const region = await open(page, 'the optimal-E table');
    const title = `${budget} FLOPs on ${device}: best E`;
    const section = region.getByRole('region', { name: title });
    await expect(section.getByRole('note')).toContainText(new RegExp(`^E = ${E} has the lowest predicted loss of the expert counts \\(E = 1: \\d\\.\\d{4}`));
    sameTo(figure(await rowIn(region, `${title}: formulas with your values`, bound === 'compute' ? 'N_opt' : 'N_act').nth(2).innerText()), figure(active!), 3);
    expect(rawNotation(await region.innerText())).toEqual([]);
  });

  await test.step('Memory page: the recommended design’s memory is the figure shown', async () => {
    const { region, shown } = await recommendedExplained(page, 'Memory');
    await expect(rowIn(region, /Memory of the design/, 'M').nth(2)).toHaveText(await shown(/^Total memory/));
    expect(rawNotation(await region.innerText())).toEqual([]);
  });

  await test.step('Inference page: the recommended design’s loss is the figure shown', async () => {
    const { region, shown } = await recommendedExplained(page, 'Inference');
    sameTo(figure(await rowIn(region, /Joint MoE law: loss/, 'L').nth(2).innerText()), Number(await shown(/^Predicted loss/)), 4);
    await expect(region).toContainText('inference-optimal');
    expect(rawNotation(await region.innerText())).toEqual([]);
  });

  await test.step('Inference page: each row of “best E as inference grows” is that plan’s winner, its tokens what the budget leaves after inference', async () => {
    await openPage(page, 'Inference');
    const table = page.getByRole('table', { name: 'Best expert count as inference grows' });
    await expect(table.getByRole('row')).toHaveCount(14);
    const region = await open(page, 'the best E as inference grows');
    let checked = 0;
    for (const i of [3, 9, 12]) {
      const row = table.getByRole('row').nth(i);
      const cells = row.getByRole('cell');
      // A row where inference uses up the budget has one cell saying so, and no design to explain.
      if ((await cells.count()) < 4) continue;
      checked++;
      const title = `D_inf = ${await row.getByRole('rowheader').innerText()} tokens: best E`;
      await expect(region.getByRole('region', { name: title }).getByRole('note')).toContainText(new RegExp(`^E = ${await cells.nth(0).innerText()} has the lowest`));
      const t = `${title}: formulas with your values`;
      await expect(rowIn(region, t, 'L').nth(2)).toHaveText(`${await cells.nth(3).innerText()} nats/token`);
      sameTo(figure(await rowIn(region, t, 'D').nth(2).innerText()), figure(await cells.nth(2).innerText()), 3);
      await expect(rowIn(region, t, 'D').nth(0)).toHaveText('(F − 2·N_act·D_inf)/(6·N_act)');
    }
    expect(checked).toBeGreaterThanOrEqual(2);
    expect(rawNotation(await region.innerText())).toEqual([]);
  });
});

test('Baselines page: every explanation is of the figures shown', async ({ appPage: page }) => {
  // One page for 3 checks that need the same inputs: each was a test of its own, each computing the same plans on a fresh app.
  await test.step('Baselines page: each Chinchilla set’s dense optimum shows Eq. 4 of Hoffmann et al. with its own coefficients', async () => {
    await openPage(page, 'Baselines');
    // Each column's button appears when its plan arrives, so until all have, `.first()` can name a
    // different column's button from one moment to the next: wait for every column, then click.
    const table = page.getByRole('table', { name: 'Chinchilla compute-optimal dense model' });
    await expect(table.getByRole('row', { name: /^Parameters N/ })).not.toContainText('…');
    const button = page.getByRole('button', { name: /How was this computed\? \(the dense optimum, / }).first();
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const region = page.getByRole('region', { name: /^How the dense optimum, .* was computed$/ }).first();
    await expect(region).toContainText('N_opt = G·(F/6)^(β/(α + β))');
    await expect(region).toContainText('Eq. 4 of Hoffmann et al.');
    // Either published set's α, as its paper prints it: 0.34 (Hoffmann et al.) or 0.3478 (Besiroglu et al.).
    await expect(region).toContainText(/α = 0\.34(78)?\b/);
    expect(rawNotation(await region.innerText())).toEqual([]);
  });

  await test.step('Baselines page: the rule of thumb’s losses, tokens and FLOPs per token saved are the figures its table shows', async () => {
    await openPage(page, 'Baselines');
    const table = page.getByRole('table', { name: 'Dense against MoE at the same total parameter count' });
    await expect(table.getByRole('row', { name: /^E = 2/ })).toBeVisible();
    const region = await open(page, 'the rule of thumb');
    const denseCells = table.getByRole('row', { name: /^Dense/ }).getByRole('cell');
    await expect(rowIn(region, /the dense model of/, 'L_dense').nth(2)).toHaveText(`${await denseCells.nth(5).innerText()} nats/token`);
    const cells = table.getByRole('row', { name: /^E = 2/ }).getByRole('cell');
    const e2 = /E = 2 at the same total size: formulas/;
    await expect(rowIn(region, e2, 'saved').nth(2)).toHaveText(await cells.nth(1).innerText());
    await expect(rowIn(region, e2, 'L_E').nth(2)).toHaveText(`${await cells.nth(5).innerText()} nats/token`);
    await expect(rowIn(region, e2, 'L_F').nth(2)).toHaveText(`${await cells.nth(7).innerText()} nats/token`);
    expect(rawNotation(await region.innerText())).toEqual([]);
  });

  await test.step('Baselines page: the dense-vs-MoE law’s data-utilisation gain is the 16.37% the page shows, from the published exponents', async () => {
    await openPage(page, 'Baselines');
    const shown = page.getByRole('row', { name: /Data-utilisation gain of MoE/ }).getByRole('strong');
    await expect(shown).toHaveText(/%$/);
    const region = await open(page, 'the dense-vs-MoE allocation');
    await expect(rowIn(region, /data-utilisation gain/, 'gain').nth(1)).toHaveText('(0.59 − 0.507)/0.507');
    await expect(rowIn(region, /data-utilisation gain/, 'gain').nth(2)).toHaveText(await shown.innerText());
    await expect(region).toContainText('arXiv:2410.05661');
    expect(rawNotation(await region.innerText())).toEqual([]);
  });
});

test('Scenarios page: the comparison’s formulas are each scenario’s saved figures, under its name', async ({ appPage: page, app }) => {
  // Two saved plans, through the CLI on the app's own data folder.
  const project = cliJson<{ id: string }>(app.dataDir, 'projects', 'create', '--name', 'Explained');
  for (const [flops, name] of [['1e21', 'Smaller plan'], ['1e22', 'Larger plan']] as const) {
    cliJson(app.dataDir, 'plan', 'compute', '--flops', flops, '--experts', '1,8', '--save', name, '--project', project.id);
  }
  await openPage(page, 'Scenarios');
  for (const name of ['Smaller plan', 'Larger plan']) await page.getByRole('checkbox', { name: `Select ${name} for comparison` }).check();
  await page.getByRole('button', { name: 'Compare 2 selected' }).click();
  const table = page.getByRole('table', { name: 'Scenario comparison' });
  await expect(table).toBeVisible();
  const region = await open(page, 'the compared scenarios’ figures', 'were');
  for (const name of ['Smaller plan', 'Larger plan']) {
    await expect(region.getByRole('table', { name: new RegExp(`^${name}: Joint MoE law: compute-optimal N_act and D at E = 8`) })).toBeVisible();
  }
  // The larger plan's optimum is its budget's: (1.0 × 10²²)/6 in N_opt's substitution.
  await expect(rowIn(region, /^Larger plan: Joint MoE law: compute-optimal/, 'N_opt').nth(1)).toContainText('(1.0 × 10²²)/6');
  await expect(rowIn(region, /^Smaller plan: Joint MoE law: compute-optimal/, 'N_opt').nth(1)).toContainText('(1.0 × 10²¹)/6');
  expect(rawNotation(await region.innerText())).toEqual([]);
});

test('Target page matching a dense model of 7 B parameters and 2 T tokens: the answer’s loss and FLOPs are the cheapest design’s, with all laws and with the comprehensive law alone, as the CLI says', async ({ appPage: page, app }) => {
  // One page for 2 checks of the same goal: each was a test of its own, each starting an app.
  await test.step('Target page: the answer’s loss and training FLOPs are the cheapest joint-law design’s, as the CLI says', async () => {
    await openPage(page, 'Target');
    await page.getByRole('radio', { name: 'Match a dense model (N, D)' }).check();
    await page.getByRole('textbox', { name: /Dense parameters N/ }).fill('7e9');
    await page.getByRole('textbox', { name: /Dense training tokens D/ }).fill('2e12');
    type Winner = { objective: string; experts: number; value: number; design: { nAct: number; tokens: number; loss: number } };
    const cli = cliJson<{ headline: string; laws: Array<{ law: string; winners: Winner[] }> }>(app.dataDir, 'target', '--match-dense-params', '7e9', '--match-dense-tokens', '2e12');
    const joint = cli.laws.find((l) => l.law === 'joint')!.winners.find((w) => w.objective === 'trainingFlops')!;
    await expect(page.getByText(cli.headline)).toBeVisible();
    const region = await open(page, 'the answer’s loss and FLOPs', 'were');
    sameTo(figure(await rowIn(region, /Joint MoE law: loss/, 'L').nth(2).innerText()), joint.design.loss, 4);
    sameTo(figure(await rowIn(region, /Training compute/, 'F').nth(2).innerText()), joint.value, 2);
    await expect(region).toContainText('arXiv:2502.05172');
    expect(rawNotation(await region.innerText())).toEqual([]);
  });

  await test.step('Target page: with the comprehensive law alone, the headline’s loss is its five-factor law at G = 1, S = 0, as the CLI says', async () => {
    await openPage(page, 'Target');
    await page.getByRole('checkbox', { name: 'Joint MoE law' }).uncheck();
    await page.getByRole('checkbox', { name: 'Chinchilla (dense)' }).uncheck();
    await page.getByRole('radio', { name: 'Match a dense model (N, D)' }).check();
    await page.getByRole('textbox', { name: /Dense parameters N/ }).fill('7e9');
    await page.getByRole('textbox', { name: /Dense training tokens D/ }).fill('2e12');
    type Winner = { objective: string; design: { nAct: number; tokens: number; loss: number } };
    const cli = cliJson<{ headline: string; laws: Array<{ law: string; winners: Winner[] }> }>(app.dataDir, 'target', '--match-dense-params', '7e9', '--match-dense-tokens', '2e12', '--laws', 'comprehensive');
    const winner = cli.laws[0]!.winners.find((w) => w.objective === 'trainingFlops')!;
    await expect(page.getByText(cli.headline)).toBeVisible();
    const region = await open(page, 'the answer’s loss');
    await expect(rowIn(region, /Comprehensive MoE law: loss/, 'P').nth(1)).toHaveText('0.1577·1 + 7.2446/1 + 5.1395·0² − 3.2363·0');
    sameTo(figure(await rowIn(region, /Comprehensive MoE law: loss/, 'L').nth(2).innerText()), winner.design.loss, 4);
    await expect(region).toContainText('arXiv:2509.23678');
    expect(rawNotation(await region.innerText())).toEqual([]);
  });
});
