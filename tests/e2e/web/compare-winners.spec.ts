/**
 * Issue 12 on screen: the comparison view says which scenario wins on what, in the words of the
 * report's page 1 and the CLI's `compare scenarios`, for reverse plans too. Two reverse plans
 * (reach 2.5 and 2.4 nats/token) are saved with the command line; the one that needs fewer
 * training FLOPs is worked out here from the saved designs (6·N_act·D), written by the
 * planner-unit rules.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../fixtures/web-app';
import { openPage } from '../fixtures/navigate';
import { powerText } from '../fixtures/planner-units';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The CLI on the app's data folder (while no server holds it); its --json answer. */
function cli(dataDir: string, ...args: string[]): any {
  const r = spawnSync(process.execPath, [join(root, 'bin/moe-workbench.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, MOE_WORKBENCH_DATA: dataDir }, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`moe-workbench ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return args.includes('--json') ? JSON.parse(r.stdout) : r.stdout;
}

test('the comparison of two reverse plans says which needs fewer training FLOPs, as the CLI does', async ({ appPage: page, app }) => {
  test.slow();
  const saved: Array<{ name: string; flops: number }> = [];
  let cliText = '';
  await app.restart((dataDir) => {
    const project = cli(dataDir, 'projects', 'create', '--name', 'Reverse plans', '--json');
    for (const [name, loss] of [['Reach 2.5 nats/token', '2.5'], ['Reach 2.4 nats/token', '2.4']] as const) {
      const t = cli(dataDir, 'target', '--loss', loss, '--hardware', 'h100-sxm', '--price', '2.5', '--save', name, '--project', project.id, '--json');
      const d = t.laws.find((l: any) => l.law === 'joint').winners.find((w: any) => w.objective === 'trainingFlops').design;
      saved.push({ name, flops: 6 * d.nAct * d.tokens });
    }
    const ids: string[] = cli(dataDir, 'scenarios', 'list', '--project', project.id, '--json').items.map((s: any) => s.id);
    cliText = (cli(dataDir, 'compare', 'scenarios', '--scenario', ids.join(','), '--bytes', 'GiB') as string).replace(/\s+/g, ' ');
  });
  const [cheap, dear] = [...saved].sort((a, b) => a.flops - b.flops);
  // The higher loss is reached with less compute (LAWS.md §1: the loss falls as N and D grow).
  expect(cheap!.name).toBe('Reach 2.5 nats/token');

  await openPage(page, 'Scenarios');
  for (const s of saved) await page.getByRole('checkbox', { name: `Select ${s.name} for comparison` }).check();
  await page.getByRole('button', { name: 'Compare 2 selected' }).click();
  const list = page.getByRole('list', { name: 'Which scenario wins on what' });
  const line = `Fewest training FLOPs: ${cheap!.name} (${powerText(cheap!.flops)} FLOPs; next ${dear!.name}, ${powerText(dear!.flops)} FLOPs).`;
  await expect(list.getByRole('listitem').filter({ hasText: /^Fewest training FLOPs/ })).toHaveText(line);
  await page.screenshot({ path: test.info().outputPath('winners.png'), fullPage: true });
  // The CLI's text holds every line the view shows.
  for (const item of await list.getByRole('listitem').allTextContents()) expect(cliText).toContain(item.trim());
});
