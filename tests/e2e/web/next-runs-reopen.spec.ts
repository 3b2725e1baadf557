/**
 * A saved next-run proposal reopened from the Scenarios page shows the proposal it saved (the
 * runs, their GPU-hours against the allowance), not an empty results column asking for "Propose
 * runs" again. The figures on screen are read back as numbers and compared with the saved
 * scenario's raw results, read through the CLI (`scenarios show`), not with strings copied from
 * the page.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { apiCaller } from '../fixtures/api';
import { seedNextRun } from '../fixtures/seed-next-run';
import { saveAsScenario } from '../fixtures/save-scenario';
import { cliJson } from '../fixtures/cli';

interface SavedRun {
  nAct: number;
  tokens: number;
  experts: number;
  gpuHours: number;
}
interface SavedScenario {
  id: string;
  name: string;
  results: { runs: SavedRun[]; gpuHours: number; gpuHoursAllowance: number };
}

const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9, G: 1e9, T: 1e12 };
/** A count or hours cell as a number: "1,234", "100 M", "1.2 B", "250 GPU-hours". */
function numberIn(text: string): number {
  const m = /(-?[\d,]+(?:\.\d+)?)\s*([kKMBGT])?\b/.exec(text);
  if (!m) throw new Error(`no number in "${text}"`);
  return Number(m[1]!.replace(/,/g, '')) * (m[2] ? SUFFIX[m[2]]! : 1);
}
/** Equal to the significant digits the cell shows (3 or more). */
const close = (shown: number, raw: number) => Math.abs(shown - raw) <= Math.abs(raw) * 5e-3;

test('next runs: a saved proposal reopened from Scenarios shows its saved runs and GPU-hours', async ({ appPage: page, app }) => {
  await app.restart(seedNextRun);
  await openPage(page, 'Next runs');
  await expect(page.getByRole('combobox', { name: 'Joint-law fit with bootstrap replicates' })).toContainText('Fixture fit');
  await page.getByRole('textbox', { name: /GPU-hours for the new runs/ }).fill('1500');
  await page.getByRole('textbox', { name: /Most runs/ }).fill('2');
  await page.getByRole('textbox', { name: /Simulated refits/ }).fill('4');
  await page.getByRole('button', { name: 'Propose runs' }).click();
  await expect(page.getByRole('table', { name: 'Proposed runs' }).locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });

  await saveAsScenario(page, 'Next-run fixture', 'Saved proposal to reopen');

  // A fresh page session (a reload drops the job's result), then reopen from Scenarios.
  await page.reload();
  await openPage(page, 'Scenarios');
  const row = page.getByRole('table', { name: 'Saved scenarios' }).getByRole('row', { name: /Saved proposal to reopen/ });
  await row.getByRole('button', { name: 'Open Saved proposal to reopen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Next runs' })).toBeVisible();

  const listed = cliJson<{ items: Array<{ id: string; name: string }> }>(app.dataDir, 'scenarios', 'list', '--wizard', 'next-run');
  const id = listed.items.find((s) => s.name === 'Saved proposal to reopen')!.id;
  const saved = cliJson<SavedScenario>(app.dataDir, 'scenarios', 'show', id).results;
  expect(saved.runs.length).toBeGreaterThan(0);

  const table = page.getByRole('table', { name: 'Proposed runs' });
  await expect(table).toBeVisible();
  await expect(page.getByText(/The proposal saved in “Saved proposal to reopen”/)).toBeVisible();
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(saved.runs.length);
  for (const [i, run] of saved.runs.entries()) {
    const cells = await rows.nth(i).locator('td').allTextContents();
    expect(close(numberIn(cells[0]!), run.nAct), `run ${i + 1} N_act ${cells[0]} vs ${run.nAct}`).toBe(true);
    expect(close(numberIn(cells[1]!), run.tokens), `run ${i + 1} tokens ${cells[1]} vs ${run.tokens}`).toBe(true);
    expect(numberIn(cells[2]!)).toBe(run.experts);
    expect(close(numberIn(cells[3]!), run.gpuHours), `run ${i + 1} GPU-hours ${cells[3]} vs ${run.gpuHours}`).toBe(true);
  }
  // The total against the allowance typed (1,500 GPU-hours), as saved.
  const total = (await table.locator('tfoot tr').first().locator('td').allTextContents()).find((t) => /GPU-hour/.test(t))!;
  const [used, allowed] = total.split(' of ').map(numberIn);
  expect(close(used!, saved.gpuHours)).toBe(true);
  expect(saved.gpuHoursAllowance).toBe(1500);
  expect(allowed).toBe(saved.gpuHoursAllowance);

  // Editing an input keeps the saved proposal on screen, said to answer the inputs as they were.
  const edited = page.getByText(/The inputs have been edited since/);
  await expect(edited).toHaveCount(0);
  await page.getByRole('textbox', { name: /GPU-hours for the new runs/ }).fill('900');
  await expect(edited).toBeVisible();
  await expect(rows).toHaveCount(saved.runs.length);

  // The same proposal as the first release saved them (no inputs), and damaged in one field: the
  // first still shows its runs, the second says which field is wrong instead of breaking the page.
  const api = apiCaller(page, app);
  const full = await api<{ projectId: string; inputs: unknown; results: SavedScenario['results'] & { inputs?: unknown } }>('scenarios.get', { id });
  const { inputs: _echoed, ...first } = full.results;
  const damaged = { ...full.results, runs: [{ ...full.results.runs[0]!, gpuHours: 'many' }, ...full.results.runs.slice(1)] };
  // Without the band the proposal narrows, no kind of saved answer claims the results at all.
  const { bootstrapBand: _band, ...unclaimed } = full.results as typeof full.results & { bootstrapBand?: unknown };
  const cases = [['As the first release saved it', first], ['Damaged proposal', damaged], ['Unreadable proposal', unclaimed]] as const;
  for (const [name, results] of cases) {
    await api('scenarios.create', { projectId: full.projectId, name, wizard: 'next-run', inputs: full.inputs, results });
  }
  const reopen = async (name: string) => {
    await openPage(page, 'Scenarios');
    await page.getByRole('table', { name: 'Saved scenarios' }).getByRole('button', { name: `Open ${name}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Next runs' })).toBeVisible();
  };
  await reopen('As the first release saved it');
  await expect(page.getByText(/The proposal saved in “As the first release saved it”/)).toBeVisible();
  await expect(rows).toHaveCount(saved.runs.length);
  await expect(page.getByText(/did not keep the proposal's inputs/)).toBeVisible();

  await reopen('Damaged proposal');
  await expect(page.getByRole('status').filter({ hasText: /The proposal saved in “Damaged proposal” cannot be shown: runs\[0\]\.gpuHours/ })).toBeVisible();
  await expect(table).toHaveCount(0);
  // The page still works: its inputs are the saved ones and can be proposed again.
  await expect(page.getByRole('button', { name: 'Propose runs' })).toBeEnabled();

  await reopen('Unreadable proposal');
  await expect(page.getByRole('status').filter({ hasText: /The proposal saved in “Unreadable proposal” cannot be shown: not a saved answer of any kind/ })).toBeVisible();
  await expect(table).toHaveCount(0);
});
