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
import { countText, groupedText, powerText, RAW_NOTATION, sigText } from '../../e2e/fixtures/planner-units';
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
            `predicted loss ${sigText(jointLoss(b.nAct, b.tokens, b.experts), 4)} nats/token`,
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
            'the cheapest design that reaches a loss of 2.5 nats/token',
            `E = ${joint.experts} experts, ${countText(d.nAct)} active of ${countText(d.nTotal)} total parameters, trained on ${countText(d.tokens)} tokens, the cheapest in training at ${powerText(6 * d.nAct * d.tokens)} FLOPs`,
            'predicted loss 2.5 nats/token',
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
            `goes from ${sigText(band.before.low, 4)} – ${sigText(band.before.high, 4)} nats/token to ${sigText(band.after.low, 4)} – ${sigText(band.after.high, 4)} nats/token`,
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
