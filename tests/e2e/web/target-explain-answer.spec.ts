/**
 * The Target page's "How was this computed? (the cheapest design per law)" explains the answer the
 * page shows, which it sends with the request, rather than a plan solved again on the main side:
 * the server's answer is altered on its way to the page (the joint law's cheapest design in
 * training FLOPs given twice its active parameters), and the explanation's F_train is then
 * 6 × the N_act and D the page shows, which solving again could not give.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { parseCountText } from '../fixtures/planner-units';

/** "1.2 × 10²²" → 1.2e22. */
function power(text: string): number {
  const m = /([\d.]+) × 10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/.exec(text)!;
  return Number(m[1]) * 10 ** Number([...m[2]!].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)).join(''));
}

type Winner = { objective: string; design: { nAct: number } };

test('Target page: the explanation reads the answer the page shows, altered on its way, not the plan solved again', async ({ appPage: page }) => {
  await page.route('**/api/plan.target', async (route) => {
    const response = await route.fetch();
    const envelope = (await response.json()) as { ok: boolean; value?: { laws: Array<{ law: string; winners: Winner[] }> } };
    const w = envelope.value?.laws.find((l) => l.law === 'joint')?.winners.find((x) => x.objective === 'trainingFlops');
    if (w) w.design.nAct *= 2;
    await route.fulfill({ response, json: envelope });
  });
  await openPage(page, 'Target');
  const table = page.getByRole('table', { name: 'Cheapest design per law' });
  const row = table.getByRole('row', { name: /Joint MoE law Training FLOPs/ });
  await expect(row).toBeVisible();
  const cells = row.getByRole('cell');
  const experts = (await cells.nth(0).innerText()).trim();
  const nAct = parseCountText((await cells.nth(1).innerText()).split('/')[0]!.trim());
  const tokens = parseCountText((await cells.nth(2).innerText()).trim());

  const sent = page.waitForRequest('**/api/explain.figure');
  await page.getByRole('button', { name: 'How was this computed? (the cheapest design per law)' }).click();
  const body = (await sent).postDataJSON() as { channel: string; answer?: { laws: Array<{ law: string; winners: Winner[] }> } };
  expect(body.channel).toBe('plan.target');
  const region = page.getByRole('region', { name: 'How the cheapest design per law was computed' });
  const formulas = region.getByRole('table', { name: new RegExp(`^Joint MoE law, cheapest in training FLOPs: E = ${experts},.*formulas with your values$`) });
  await expect(formulas).toBeVisible();
  const fTrain = power(await formulas.getByRole('row', { name: /^F_train / }).getByRole('cell').nth(2).innerText());
  // The page's N_act and D are written to three significant digits, F_train to two.
  expect(Math.abs(fTrain / (6 * nAct * tokens) - 1)).toBeLessThan(0.06);
  // The answer sent is the altered one the page shows.
  const sentWinner = body.answer!.laws.find((l) => l.law === 'joint')!.winners.find((x) => x.objective === 'trainingFlops')!;
  expect(Math.abs(sentWinner.design.nAct / nAct - 1)).toBeLessThan(0.005);
});
