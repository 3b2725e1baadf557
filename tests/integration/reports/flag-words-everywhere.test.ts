/**
 * One word list: an extrapolated quantity reads the same on the report's page 1, in the app's
 * extrapolation summary (FlagList.vue writes STANDING_LABELS and outsideText of format/flags.ts)
 * and on the CLI's "Fitted range:" line, for a plan computed today and for one saved by release
 * 2de47c7, whose flags carried neither planner words nor factors.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run';
import { LAW_DESCRIPTIONS } from '../../../src-main/engine/laws';
import { SAVED_FLAG_WORDS, STANDING_LABELS, outsideText, summariseFlags } from '../../../src-main/format/flags';
import { readFlags } from '../../../src-main/schema/snapshots';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

const OLD = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/snapshots/plan-compute-2de47c7.json'), 'utf8'));

/** What the app's extrapolation summary shows for these flags (FlagList.vue's two spans). */
function appSummary(flags: Parameters<typeof summariseFlags>[0]): string {
  const s = summariseFlags(flags);
  return `${STANDING_LABELS[s.standing]}: ${outsideText(s)}`;
}

async function page1(w: Workspace, id: string): Promise<string> {
  const r = await w.call('reports.pdf', { scenarioIds: [id], paper: 'a4' });
  const file = join(w.dir, `${id}.pdf`);
  writeFileSync(file, Buffer.from(r.base64, 'base64'));
  const out = spawnSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout.replace(/\s+/g, ' ');
}

describe('the same words for the same flag on every face', () => {
  let w: Workspace;
  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Flag words');
  });
  afterAll(() => removeWorkspace(w));

  it('words for flags saved without their own are each law description’s label for that variable', () => {
    for (const [variable, words] of Object.entries(SAVED_FLAG_WORDS)) {
      const labels = LAW_DESCRIPTIONS.flatMap((d) => d.variables.filter((v) => v.name === variable && v.label !== undefined).map((v) => v.label));
      expect(labels.length, variable).toBeGreaterThan(0);
      for (const l of labels) expect(l, `${variable} in a law description`).toBe(words);
    }
  });

  it('a plan computed today: page 1, the app’s summary and the CLI’s line name each quantity alike, with its factor', async () => {
    const plan = await w.call('plan.compute', { flops: 1e22 });
    const id = (await w.save('Today', 'compute', plan)).id;
    const page = await page1(w, id);
    const flags = readFlags(plan);
    const summary = appSummary(flags);
    expect(page.toLowerCase()).toContain(summary.toLowerCase());
    const cli = await runCli(['plan', 'compute', '--flops', '1e22'], w.ctx);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`Fitted range: ${summary}`);
    // Independently: the compute flag's own range and value, three significant digits.
    const f = plan.flags.find((x) => x.variable === 'flops')!;
    expect(page).toContain(`training compute F ${(f.value! / f.range!.max!).toPrecision(3)}× above`);
  });

  it('a plan saved by 2de47c7 (flags with a variable id only): planner words and factors from value and range, never the id', async () => {
    const id = (await w.save('Saved by 2de47c7', 'compute', OLD)).id;
    const page = await page1(w, id);
    const flags = readFlags(OLD);
    expect(page.toLowerCase()).toContain(appSummary(flags).toLowerCase());
    const nAct = flags.find((f) => f.variable === 'nAct')!;
    expect(page).toContain(`active parameters ${(nAct.value! / nAct.range!.max!).toPrecision(3)}× above`);
    const tokens = flags.find((f) => f.variable === 'tokens')!;
    expect(page).toContain(`training tokens ${(tokens.value! / tokens.range!.max!).toPrecision(3)}× above`);
    expect(page).not.toMatch(/\b(nAct|nTotal)\b/);
  });
});
