/**
 * Heavy work off the request thread (issue 16): a 6-scenario PDF being made does not hold up the
 * wizard. While the export runs, a typed budget reaches the table — its plan.compute answer
 * comes back before the PDF's. Ordering only, no time budgets: were the PDF made on the request
 * thread, the plan would wait behind it and arrive second.
 */
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';

test('a typed budget reaches the table while a 6-scenario PDF is being made', async ({ appPage: page, app }) => {
  const api = async <T>(channel: string, body: unknown): Promise<T> => {
    const res = await page.request.post(`${app.url}api/${channel}`, { headers: { authorization: `Bearer ${app.token}` }, data: body });
    const env = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!env.ok) throw new Error(`${channel}: ${env.error?.message}`);
    return env.value;
  };
  const project = await api<{ id: string }>('projects.create', { name: 'Heavy work' });
  const ids: string[] = [];
  for (const flops of [1e20, 3e20, 1e21, 3e21, 1e22, 3e22]) {
    const results = await api<unknown>('plan.compute', { flops });
    ids.push((await api<{ id: string }>('scenarios.create', { projectId: project.id, name: `Compute ${flops}`, wizard: 'compute', inputs: { flops }, results })).id);
  }

  // Once first, so the measured export is the PDF work itself, not loading the PDF code.
  await api('reports.pdf', { scenarioIds: ids });

  await openPage(page, 'Compute');
  const budget = page.getByRole('textbox', { name: /Training budget/ });
  const table = page.getByRole('table', { name: 'Candidates per expert count' });
  await expect(table).toBeVisible();

  const order: string[] = [];
  const planAnswer = page.waitForResponse((r) => r.url().endsWith('/api/plan.compute') && (r.request().postData() ?? '').includes('7e+21'));
  const pdf = page.request
    .post(`${app.url}api/reports.pdf`, { headers: { authorization: `Bearer ${app.token}` }, data: { scenarioIds: ids } })
    .then(async (r) => {
      order.push('pdf');
      return (await r.json()) as { ok: boolean; value: { base64: string } };
    });
  await budget.fill('7×10^21');
  await planAnswer.then(() => order.push('plan'));
  await expect(page.getByText(/^= 7\.0 × 10²¹ FLOPs/)).toBeVisible();
  await expect(table).toBeVisible();

  const report = await pdf;
  expect(report.ok).toBe(true);
  expect(Buffer.from(report.value.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(order).toEqual(['plan', 'pdf']);
});
