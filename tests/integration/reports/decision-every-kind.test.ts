/**
 * Page 1 of a design report answers every kind of saved scenario in one sentence, whichever page
 * saved it: the kinds are read from the contract's saved inputs (schema/scenario-inputs.ts), so a
 * page added without a sentence fails here. Each scenario's results come from the real services;
 * its figures on page 1 (read back with `pdftotext -layout`) are recomputed here from LAWS.md
 * (the joint law, F = 6·N_act·D) and the request's inputs, and written by the planner-unit rules
 * of tests/e2e/fixtures/planner-units.ts, never by src-main/format.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { INPUTS_VERSIONS, type InputsWizard } from '../../../src-main/schema/scenario-inputs';
import { KNOWN_WIZARDS } from '../../../src-main/store/types';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';
import { countText, groupedText, lossText, moneyText, powerText, RAW_NOTATION, sigText } from '../../e2e/fixtures/planner-units';
import { runCli } from '../../../src-main/cli/run';
import { fittedProject } from '../next-run/fixture';

const FALLBACK = /cannot summarise|does not know/;
// NVIDIA H100 SXM datasheet: 989.4 TFLOP/s dense BF16 (the seed profile).
const H100_PEAK = 9.894e14;

/** LAWS.md §1, Eq. 4 and 6, with the published coefficients of Table 3. */
function jointLoss(nAct: number, tokens: number, experts: number): number {
  const [a, alpha, delta, gamma, b, beta, omega, zeta, eStart, eMax, c] = [35.91, -0.1889, -0.2285, 0.0098, 35.98, -0.1775, 0.5529, -0.0259, 2.0732, 290.4521, 1.3637];
  const eHat = 1 / (1 / (experts - 1 + 1 / (1 / eStart - 1 / eMax)) + 1 / eMax);
  const lnE = Math.log(eHat);
  return a * eHat ** delta * nAct ** (alpha + gamma * lnE) + b * eHat ** omega * tokens ** (beta + zeta * lnE) + c;
}

const pct = (x: number) => `${sigText(x * 100, 3)}%`;

interface Saved {
  wizard: InputsWizard;
  results: unknown;
  /** What page 1 must say about it, worked out from the inputs and LAWS.md. */
  expected: string[];
}

describe('page 1 gives every kind of scenario its own sentence', () => {
  let w: Workspace;
  const saved = new Map<InputsWizard, Saved & { id: string; page1: string }>();

  /** One saved scenario per page that saves them; a page missing here fails the enumeration test. */
  async function produce(wizard: InputsWizard): Promise<Saved | null> {
    switch (wizard) {
      case 'compute':
      case 'memory':
      case 'inference': {
        const plan: ResponseOf<'plan.compute'> =
          wizard === 'compute'
            ? await w.call('plan.compute', { flops: 1e22 })
            : wizard === 'memory'
              ? await w.call('plan.memory', { flops: 1e23, hardwareId: 'h100-sxm', deviceCount: 8 })
              : await w.call('plan.inference', { flops: 1e22, inferenceTokens: 2e12 });
        const b = plan.best!;
        expect(b.trainingFlops).toBeCloseTo(6 * b.nAct * b.tokens, -10);
        return {
          wizard,
          results: plan,
          expected: [
            `E = ${b.experts} experts, ${countText(b.nAct)} active of ${countText(b.nTotal)} total parameters, trained on ${countText(b.tokens)} tokens (${powerText(6 * b.nAct * b.tokens)} FLOPs)`,
            `predicted loss ${lossText(jointLoss(b.nAct, b.tokens, b.experts))} nats/token`,
          ],
        };
      }
      case 'leverage': {
        const lev = await w.call('law.leverage', { flops: 1e20, activation: 0.05, granularity: 8 });
        // EL = C_dense / C_MoE: the MoE needs 1/EL of the dense compute for the same loss.
        return { wizard, results: lev, expected: [`EL = ${sigText(lev.el, 3)}×`, `(${pct(1 - 1 / lev.el)} fewer FLOPs than dense)`, 'activation ratio 0.05 and granularity 8'] };
      }
      case 'architecture': {
        const a = await w.call('optimum.comprehensive', { total: 30e9, threshold: 0.004 });
        if (!a.feasible) throw new Error(a.reason);
        return { wizard, results: a, expected: [`for ${countText(30e9)} total parameters`, `Activate G = ${sigText(a.activeExperts, 3)} experts per token`] };
      }
      case 'target': {
        const t = await w.call('plan.target', { goal: { kind: 'loss', loss: 2.5 } });
        const joint = t.laws.find((l) => l.law === 'joint')!.winners.find((x) => x.objective === 'trainingFlops')!;
        const d = joint.design;
        // The joint law's cheapest design reaches the goal's own loss (LAWS.md §1), at F = 6·N_act·D.
        expect(jointLoss(d.nAct, d.tokens, joint.experts)).toBeCloseTo(2.5, 4);
        const dense = t.rows.find((r) => r.law === 'joint' && r.experts === 1 && r.feasible);
        const fDense = dense && dense.feasible ? dense.designs.trainingFlops!.nAct * dense.designs.trainingFlops!.tokens * 6 : null;
        return {
          wizard,
          results: t,
          expected: [
            'the cheapest design that reaches a loss of 2.500 nats/token',
            `E = ${joint.experts} experts, ${countText(d.nAct)} active of ${countText(d.nTotal)} total parameters, trained on ${countText(d.tokens)} tokens, the cheapest in training at ${powerText(6 * d.nAct * d.tokens)} FLOPs`,
            'predicted loss 2.500 nats/token',
            ...(fDense ? [`${pct(1 - (6 * d.nAct * d.tokens) / fDense)} fewer training FLOPs than dense (E = 1) for the same loss (${powerText(fDense)} FLOPs)`] : []),
          ],
        };
      }
      case 'next-run': {
        const f = await fittedProject(w.ctx, { samples: 20 });
        const p = await w.call('nextRun.propose', { projectId: f.projectId, coefficientSetId: f.setId, targetFlops: 1e22, gpuHours: 2000, hardwareId: 'h100-sxm', utilization: 0.4, worlds: 4 });
        // Each run's cost from its size (F = 6·N·D) on the datasheet's peak at 40 % utilisation.
        const hours = p.runs.reduce((s, r) => s + (6 * r.nAct * r.tokens) / (H100_PEAK * 0.4) / 3600, 0);
        const flops = p.runs.reduce((s, r) => s + 6 * r.nAct * r.tokens, 0);
        const band = p.simulated ?? p.predicted;
        const narrower = 1 - (band.after.high - band.after.low) / (band.before.high - band.before.low);
        return {
          wizard,
          results: p,
          expected: [
            `at ${powerText(1e22)} FLOPs, within 2,000 GPU-hours on NVIDIA H100 SXM (40% utilisation)`,
            `Train ${p.runs.length === 1 ? 'one run' : `${p.runs.length} runs`} next: ${p.runs.map((r) => `${countText(r.nAct)} active parameters on ${countText(r.tokens)} tokens at E = ${r.experts}`).join('; ')}`,
            `${groupedText(hours)} GPU-hours (${powerText(flops)} FLOPs) of the 2,000 GPU-hours allowed`,
            `goes from ${lossText(band.before.low)} – ${lossText(band.before.high)} nats/token to ${lossText(band.after.low)} – ${lossText(band.after.high)} nats/token`,
            `(${pct(narrower)} narrower)`,
          ],
        };
      }
      default:
        return null;
    }
  }

  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Every kind');
    for (const wizard of Object.keys(INPUTS_VERSIONS) as InputsWizard[]) {
      const s = await produce(wizard);
      if (!s) continue;
      const id = (await w.save(`A ${wizard} scenario`, wizard, s.results)).id;
      const r = await w.call('reports.pdf', { scenarioIds: [id], paper: 'a4' });
      const file = join(w.dir, `${wizard}.pdf`);
      writeFileSync(file, Buffer.from(r.base64, 'base64'));
      const text = spawnSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
      expect(text.status, text.stderr).toBe(0);
      saved.set(wizard, { ...s, id, page1: text.stdout.replace(/\s+/g, ' ') });
    }
  }, 180_000);
  afterAll(() => removeWorkspace(w));

  it('knows every page that saves scenarios: the contract’s and the store’s lists agree, and each has a producer here', () => {
    expect([...KNOWN_WIZARDS].sort()).toEqual(Object.keys(INPUTS_VERSIONS).sort());
    expect([...saved.keys()].sort()).toEqual(Object.keys(INPUTS_VERSIONS).sort());
  });

  for (const wizard of Object.keys(INPUTS_VERSIONS) as InputsWizard[]) {
    it(`${wizard}: page 1 holds the scenario's own sentence, its figures recomputed, in planner units`, () => {
      const s = saved.get(wizard);
      expect(s, `no scenario of the ${wizard} page was produced`).toBeDefined();
      const page = s!.page1;
      expect(page).not.toMatch(FALLBACK);
      expect(page).toContain(`A ${wizard} scenario`);
      for (const e of s!.expected) expect(page, e).toContain(e);
      expect(page).toMatch(/How far the laws are stretched/);
      const bad = RAW_NOTATION.exec(page);
      expect(bad, bad ? page.slice(Math.max(0, bad.index - 60), bad.index + 40) : '').toBeNull();
      // No field ids where planner words belong.
      expect(page).not.toMatch(/\b(targetFlops|nAct|nTotal|trainingFlops|tokensPerParam)\b/);
      expect(page).not.toContain('^');
      expect(page).not.toMatch(/\de[+-]\d/);
    });
  }
});

/**
 * "Which scenario wins on what" ranks every kind page 1 summarises, like with like: a plan and two
 * reverse plans on training FLOPs (6·N_act·D of each saved design), the reverse plans on their
 * cost (GPU-hours on the H100 datasheet's peak at the profile's 40 %, at $2.50), two next-run
 * proposals on their GPU-hours and on how much they narrow the band, each measured alike. The
 * expected winners are worked out here from the saved results' raw numbers and written by the
 * planner-unit rules; the same lines reach scenarios.compare (the app's comparison) and the CLI.
 */
describe('page 1 ranks plans, reverse plans and next-run proposals, like with like', () => {
  let w: Workspace;
  let page1 = '';
  let page2 = '';
  let winners: string[] = [];
  let cliText = '';
  let reportText = '';
  const names = { plan: 'Plan of 10²² FLOPs', loose: 'Reach 2.5 nats/token', tight: 'Reach 2.4 nats/token', twin: 'Reach 2.5 nats/token again', wide: 'Next runs, 2,000 GPU-hours', narrow: 'Next runs, 2 GPU-hours' };
  let plan: ResponseOf<'plan.compute'>;
  const targets: Array<{ name: string; t: ResponseOf<'plan.target'> }> = [];
  const proposals: Array<{ name: string; p: ResponseOf<'nextRun.propose'> }> = [];

  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Ranked');
    const ids: string[] = [];
    plan = await w.call('plan.compute', { flops: 1e22 });
    ids.push((await w.save(names.plan, 'compute', plan)).id);
    for (const [name, loss] of [[names.loose, 2.5], [names.tight, 2.4], [names.twin, 2.5]] as const) {
      const t = await w.call('plan.target', { goal: { kind: 'loss', loss }, hardwareId: 'h100-sxm', pricePerDeviceHour: 2.5 });
      targets.push({ name, t });
      ids.push((await w.save(name, 'target', t)).id);
    }
    const f = await fittedProject(w.ctx, { samples: 20 });
    for (const [name, gpuHours] of [[names.wide, 2000], [names.narrow, 2]] as const) {
      const p = await w.call('nextRun.propose', { projectId: f.projectId, coefficientSetId: f.setId, targetFlops: 1e22, gpuHours, hardwareId: 'h100-sxm', utilization: 0.4, worlds: 4 });
      proposals.push({ name, p });
      ids.push((await w.save(name, 'next-run', p)).id);
    }
    const r = await w.call('reports.pdf', { scenarioIds: ids, paper: 'a4' });
    const file = join(w.dir, 'ranked.pdf');
    writeFileSync(file, Buffer.from(r.base64, 'base64'));
    const page = (n: number) => {
      const text = spawnSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
      expect(text.status, text.stderr).toBe(0);
      return text.stdout.replace(/\s+/g, ' ');
    };
    [page1, page2] = [page(1), page(2)];
    winners = (await w.call('scenarios.compare', { ids, byteConvention: 'binary' })).decision.winners;
    // The report says the page-1 ranking it printed, so the CLI needs no second comparison to tell it.
    expect(r.winners).toEqual(winners);
    const cli = await runCli(['compare', 'scenarios', '--scenario', ids.join(','), '--bytes', 'GiB'], w.ctx);
    expect(cli.code, cli.stderr).toBe(0);
    cliText = cli.stdout.replace(/\s+/g, ' ');
    const report = await runCli(['report', '--scenario', ids.join(','), '--pdf', join(w.dir, 'ranked-cli.pdf'), '--bytes', 'GiB'], w.ctx);
    expect(report.code, report.stderr).toBe(0);
    reportText = report.stdout.replace(/\s+/g, ' ');
  }, 240_000);
  afterAll(() => removeWorkspace(w));

  /** The start of a ranking line, from figures worked out here: the best (or the tie), its figure, then the next. */
  function expectedLine(label: string, entries: Array<{ name: string; text: string }>, better: (a: number, b: number) => number, values: number[]): string {
    const order = entries.map((e, i) => ({ ...e, v: values[i]! })).sort((a, b) => better(a.v, b.v));
    const top = order.filter((e) => e.text === order[0]!.text);
    const rest = order.slice(top.length);
    const next = rest.filter((e) => e.text === rest[0]?.text);
    const and = (l: string[]) => (l.length === 1 ? l[0]! : `${l.slice(0, -1).join(', ')} and ${l[l.length - 1]}`);
    const who = top.length > 1 ? `${and(top.map((e) => e.name))} tie` : top[0]!.name;
    return `${label}: ${who} (${top[0]!.text}${next.length ? `; next ${and(next.map((e) => e.name))}, ${next[0]!.text}` : ''}`;
  }

  const lead = (t: ResponseOf<'plan.target'>) => t.laws.find((l) => l.law === 'joint')!.winners.find((x) => x.objective === 'trainingFlops')!.design;

  it('training FLOPs: the plan and the reverse plans ranked together, 6·N_act·D of each design; the two same goals tie', () => {
    const all = [{ name: names.plan, n: plan.best!.nAct, d: plan.best!.tokens }, ...targets.map(({ name, t }) => ({ name, n: lead(t).nAct, d: lead(t).tokens }))];
    const flops = all.map((x) => 6 * x.n * x.d);
    // A lower loss costs more compute (LAWS.md §1: the loss falls with N and D): 2.4 needs more than 2.5.
    expect(flops[2]!).toBeGreaterThan(flops[1]!);
    const line = expectedLine('Fewest training FLOPs', all.map((x, i) => ({ name: x.name, text: `${powerText(flops[i]!)} FLOPs` })), (a, b) => a - b, flops);
    expect(line).toContain(`${names.loose} and ${names.twin} tie`);
    expect(page1).toContain(line);
  });

  it('training cost: the reverse plans priced on H100 at $2.50 per GPU-hour ranked, the unpriced plan named as not priced', () => {
    const hours = targets.map(({ t }) => (6 * lead(t).nAct * lead(t).tokens) / (H100_PEAK * 0.4) / 3600);
    const usd = hours.map((h) => h * 2.5);
    const line = expectedLine('Cheapest training run', targets.map(({ name }, i) => ({ name, text: moneyText(usd[i]!) })), (a, b) => a - b, usd);
    expect(page1).toContain(line);
    expect(page1).toContain(`not priced: ${names.plan}`);
    // Only the plan has a saving against its dense baseline (a reverse plan's is against its own law's E = 1): said, not ranked.
    expect(page1).toMatch(new RegExp(`Not ranked, as no other scenario has the figure: ${names.plan} \\([^)]*saving against dense`));
    const gpu = expectedLine('Fewest GPU-hours to train', targets.map(({ name }, i) => ({ name, text: `${groupedText(hours[i]!)} GPU-hours` })), (a, b) => a - b, hours);
    expect(page1).toContain(gpu);
  });

  it('next runs: GPU-hours against each allowance and the narrowing of the band, ranked between the two proposals only', () => {
    const hours = proposals.map(({ p }) => p.runs.reduce((s, r) => s + (6 * r.nAct * r.tokens) / (H100_PEAK * 0.4) / 3600, 0));
    for (const [i, { p }] of proposals.entries()) expect(hours[i]!).toBeLessThanOrEqual(p.gpuHoursAllowance * (1 + 1e-9));
    const ran = proposals.map((x, i) => ({ ...x, h: hours[i]! })).filter((x) => x.p.runs.length > 0);
    if (ran.length === 2) {
      // Each figure with its own allowance: both fit it.
      const line = expectedLine('Fewest GPU-hours for the next runs', ran.map((x) => ({ name: x.name, text: `${groupedText(x.h)} GPU-hours of ${groupedText(x.p.gpuHoursAllowance)} GPU-hours allowed` })), (a, b) => a - b, ran.map((x) => x.h));
      expect(page1).toContain(line);
    } else for (const x of proposals.filter((y) => y.p.runs.length === 0)) expect(page1).toContain(`no run narrows the band: ${x.name}`);
    const narrowing = proposals.map(({ p }) => {
      const b = p.simulated!;
      return 1 - (b.after.high - b.after.low) / (b.before.high - b.before.low);
    });
    if (ran.length === 2) {
      const line = expectedLine('Largest narrowing of the 90 % band of the recommended design’s predicted loss (in simulated refits)', proposals.map(({ name }, i) => ({ name, text: `${pct(narrowing[i]!)} narrower` })), (a, b) => b - a, narrowing);
      expect(page1).toContain(line);
    }
  });

  it('page 1 holds it all on one page, numbered once, in planner notation; the app’s comparison, the CLI’s compare and report write the same lines', () => {
    expect(page1).toContain('Which scenario wins on what');
    expect(page2).toMatch(/^\s*Side by side/);
    // Each list numbered, never a bullet and a number together.
    expect(page1).not.toMatch(/•\s*\d+\.\s/);
    expect(page1).toMatch(/What was asked 1\. Plan of 10²² FLOPs: /);
    const bad = RAW_NOTATION.exec(page1);
    expect(bad, bad ? page1.slice(Math.max(0, bad.index - 60), bad.index + 40) : '').toBeNull();
    expect(winners.length).toBeGreaterThan(3);
    for (const line of winners) {
      expect(page1).toContain(line);
      expect(cliText).toContain(line);
      expect(reportText).toContain(line);
    }
  });
});
