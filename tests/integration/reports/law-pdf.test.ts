/**
 * PDF reports of leverage and architecture scenarios, computed by the real services
 * ('law.leverage', 'optimum.comprehensive') and saved in the real store with the inputs their
 * wizards save: the extracted text holds EL and the Tian et al. citation with the notes on log
 * bases, G_opt ≈ 6.78 (the figure the transcribed coefficients reproduce) and the arXiv:2509.23678
 * citation marked as a secondary transcription; figures the report recomputes say so; the
 * charts are vector text; page images land in test-results/reports/ for a person to look at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { countText, openWorkspace, powerText, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

const OUT = resolve(__dirname, '../../../test-results/reports');

/** How the report writes a figure between 10⁻³ and 10⁵: four significant digits. */
const short = (x: number) => String(Number(x.toPrecision(3)));

const leverageInputs = { form: 'configuration', experts: 384, activeExperts: 12, sharedExperts: 1, dModel: 2048, dExpert: 384, activation: 0.031, granularity: 12, flops: 1e22, coefficientSetId: 'tian2025-leverage' };
const architectureInputs = { total: 30e9, tokens: 1e12, threshold: 0.004, active: 3e9, activeExperts: 7, sharedRatio: 0.3, coefficientSetId: 'moe-comprehensive-2025' };

describe('reports.pdf of leverage and architecture scenarios', () => {
  let w: Workspace;
  let lev: ResponseOf<'law.leverage'>;
  let arch: ResponseOf<'optimum.comprehensive'>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    w = await openWorkspace(undefined, 'Law reports');
    lev = await w.call('law.leverage', { flops: 1e22, experts: 384, activeExperts: 12, sharedExperts: 1, dModel: 2048, dExpert: 384, coefficientSetId: 'tian2025-leverage' });
    arch = await w.call('optimum.comprehensive', { total: 30e9, threshold: 0.004, coefficientSetId: 'moe-comprehensive-2025' });
    ids.leverage = (await w.save('Leverage 384 experts at 1e22', 'leverage', lev, { inputs: leverageInputs, coefficientSetId: 'tian2025-leverage' })).id;
    ids.architecture = (await w.save('Architecture for 30B', 'architecture', arch, { inputs: architectureInputs, coefficientSetId: 'moe-comprehensive-2025' })).id;
    ids.compute = (await w.save('Compute 1e21', 'compute', await w.call('plan.compute', { flops: 1e21 }))).id;
  });
  afterAll(() => removeWorkspace(w));

  async function report(scenarioIds: string[], file: string, paper: 'a4' | 'letter' = 'a4') {
    const r = await w.call('reports.pdf', { scenarioIds, paper });
    const bytes = Buffer.from(r.base64, 'base64');
    writeFileSync(join(OUT, `${file}.pdf`), bytes);
    return pdfText(new Uint8Array(bytes));
  }

  it('leverage: inputs, EL and the equivalent dense compute, the recomputed allocation, the chart, the notes on log bases and the citation', async () => {
    const { text: t } = await report([ids.leverage!], 'leverage-report-a4');
    expect(t).toContain('Design report: Leverage 384 experts at 1e22');
    expect(t).toContain(`EL = ${short(lev.el)}×`);
    expect(t).toContain(powerText(lev.denseFlops));
    expect(t).toContain('Efficiency leverage EL (×)');
    expect(t).toContain('Activated routed experts E_a (experts)');
    expect(t).toContain('d_expert (dimensions)');
    expect(t).toContain('Training compute C (non-embedding) (FLOPs)');
    // The allocation is not in the saved results: the report says it recomputed it, and with which set.
    expect(t).toContain('Compute-optimal allocation and hyper-parameters');
    expect(t).toMatch(/allocation and hyper-parameters are recomputed for this report by the engine with coefficient set tian2025-leverage/);
    // Chart text is real text (vector SVG), axes with units.
    expect(t).toContain('Efficiency leverage against activation ratio');
    expect(t).toContain('Activation ratio A (fraction, log scale)');
    expect(t).toMatch(/log₂ for the granularity G and log₁₀ for the compute C/);
    expect(t).toContain('Tian et al.');
    expect(t).toContain('arXiv:2507.17702');
    // 1e22 FLOPs lies beyond the budgets the law was fitted on: the warning is in the report.
    expect(t).toMatch(/Extrapolation/);
  });

  it('architecture: G_opt ≈ 6.78, S_opt ≈ 0.31, both activation ratios with their active counts, the checked design, τ on the chart, the citation marked as a secondary transcription', async () => {
    expect(arch.feasible).toBe(true);
    if (!arch.feasible) return;
    const { text: t } = await report([ids.architecture!], 'architecture-report-a4');
    expect(t).toContain('Design report: Architecture for 30B');
    // The figures the transcribed coefficients are known to reproduce: G_opt ≈ 6.78, S_opt ≈ 0.31, N_a/N ≈ 40% at 30B.
    const figure = (re: RegExp) => Number(re.exec(t)?.[1]);
    expect(figure(/G_opt = (\d+\.\d+) experts/)).toBeCloseTo(6.78, 2);
    expect(figure(/S_opt = (\d+\.\d+)/)).toBeCloseTo(0.31, 1);
    expect(figure(/N_a\/N = (\d+\.\d+) in theory/)).toBeCloseTo(0.4, 1);
    expect(t).toContain(`N_a = ${countText(arch.active)}`);
    expect(t).toContain(`N_a = ${countText(arch.activeEfficient)}`);
    expect(t).toContain('Efficiency threshold τ (nats/token per point)');
    expect(t).toContain('Checked design: predicted loss (recomputed) (nats/token)');
    expect(t).toContain('Loss against activation ratio N_a/N');
    expect(t).toContain('τ = 0.004');
    expect(t).toContain('arXiv:2509.23678');
    expect(t).toContain('secondary-transcription');
    expect(t).toContain('Secondary transcription: these coefficients were transcribed from a secondary source');
  });

  it('a mixed comparison (compute + leverage + architecture) carries every scenario’s figures, units and charts', async () => {
    const { text: t } = await report([ids.compute!, ids.leverage!, ids.architecture!], 'mixed-comparison-letter', 'letter');
    expect(t).toContain('Comparison of 3 scenarios');
    expect(t).toContain(`EL = ${short(lev.el)}×`);
    expect(Number(/G_opt = (\d+\.\d+) experts/.exec(t)?.[1])).toBeCloseTo(6.78, 2);
    expect(t).toContain('Predicted loss per expert count');
    expect(t).toContain('Efficiency leverage against activation ratio');
    expect(t).toContain('Loss against activation ratio N_a/N');
    for (const c of ['arXiv:2502.05172', 'arXiv:2507.17702', 'arXiv:2509.23678']) expect(t).toContain(c);
  });

  it('renders pages of each for a person to look at', (ctx) => {
    if (spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' }).error !== undefined) {
      console.warn('pdftoppm is not installed (poppler-utils): skipping the page images');
      ctx.skip();
      return;
    }
    for (const name of ['leverage-report-a4', 'architecture-report-a4', 'mixed-comparison-letter']) {
      const r = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '4', join(OUT, `${name}.pdf`), join(OUT, name)], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    const pngs = readdirSync(OUT).filter((f) => f.endsWith('.png'));
    for (const name of ['leverage-report-a4', 'architecture-report-a4', 'mixed-comparison-letter']) expect(pngs.some((f) => f.startsWith(name))).toBe(true);
  });
});
