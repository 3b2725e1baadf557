/**
 * The report's appendix "How these figures were computed": each scenario's headline figures with
 * their formula, the scenario's values substituted and the citation, after the body; page 1 is
 * untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';
import { pdfText } from './pdf-text';
import { RAW_NOTATION } from '../../e2e/fixtures/planner-units';

/**
 * Raw notation a planner should never read; arXiv ids are names. A float is raw past six
 * significant digits, counted after leading zeros ("0.006276" is a four-digit constant).
 */
const RAW = RAW_NOTATION;
const rawSentences = (text: string) => text.split(/(?<=\.) /).filter((l) => RAW.test(l.replace(/arXiv[: ]?\d{4}\.\d{4,5}/g, '')));

describe('PDF appendix: how these figures were computed', () => {
  let w: Workspace;
  let compute: ResponseOf<'plan.compute'>;
  const ids: string[] = [];

  beforeAll(async () => {
    w = await openWorkspace(undefined, 'How computed');
    compute = await w.call('plan.compute', { flops: 1e22, hardwareId: 'h100-sxm', deviceCount: 512, utilization: 0.4, pricePerDeviceHour: 2.5 });
    ids.push((await w.save('Compute-optimal', 'compute', compute)).id);
    const memory = await w.call('plan.memory', { flops: 1e23, hardwareId: 'h100-sxm', deviceCount: 8 });
    ids.push((await w.save('Serve on 8×H100', 'memory', memory)).id);
  });
  afterAll(() => removeWorkspace(w));

  it('writes each scenario’s formulas with its values and Table 3’s coefficients after the body, in planner units', async () => {
    const r = await w.call('reports.pdf', { scenarioIds: ids, paper: 'a4', byteConvention: 'binary' });
    const pdf = await pdfText(new Uint8Array(Buffer.from(r.base64, 'base64')));
    const start = pdf.pageTexts.findIndex((p) => p.includes('How these figures were computed'));
    expect(start).toBeGreaterThan(0);
    expect(pdf.first).not.toContain('How these figures were computed');
    const appendix = pdf.pageTexts.slice(start).join(' ');
    const best = compute.best!;
    expect(appendix).toContain(`Joint MoE law: compute-optimal N_act and D at E = ${best.experts}`);
    expect(appendix).toContain('L_opt = a·Ê^δ·N_opt^(α + γ·ln Ê) + b·Ê^ω·D_opt^(β + ζ·ln Ê) + c');
    // Table 3 of Ludziejewski, Pióro et al. as printed, and its citation.
    for (const c of ['a = 35.91', 'α = −0.1889', 'c = 1.3637']) expect(appendix).toContain(c);
    expect(appendix).toContain('arXiv:2502.05172');
    // The memory scenario's cap binds, so its loss is the law at the design; both scenarios are there.
    expect(appendix).toContain('Serve on 8×H100');
    expect(appendix).toContain('The memory cap binds');
    // Time and cost of the priced plan: 1e22 / (989.4 TFLOP/s × 0.4) / 3600 = 7,019 GPU-hours, by hand.
    expect(appendix).toContain('Training time and cost');
    expect(appendix).toMatch(/7,0[12]0 GPU-hours/);
    expect(appendix).toContain('N_total = 2·d_model·V + (4 + 9·E)·N_blocks·d_model²');
    // Eq. 8's learning rate of the recommended design, and its savings against dense.
    expect(appendix).toContain('LR(N, E) = exp(8.39 − 0.81·ln N − 0.25·ln E)');
    expect(appendix).toContain('Joint MoE law: savings against a compute-optimal dense model');
    expect(appendix).toContain('F_dense = 6·((L − c)/K)^(1/s)');
    expect(rawSentences(appendix)).toEqual([]);
  });

  it('has an Architecture entry: the page’s inputs (N, τ, the checked design) substituted into the optimum and the losses, with the paper’s G ≈ 6.78', async () => {
    const inputs = { total: 30e9, tokens: 1e12, threshold: 0.004, active: 3e9, activeExperts: 7, sharedRatio: 0.3, coefficientSetId: 'moe-comprehensive-2025' };
    const optimum = await w.call('optimum.comprehensive', { total: inputs.total, threshold: inputs.threshold, coefficientSetId: inputs.coefficientSetId });
    const arch = await w.save('Architecture at 30 B', 'architecture', optimum, { inputs });
    const lev = await w.call('law.leverage', { flops: 1e22, experts: 384, activeExperts: 12, sharedExperts: 1, dModel: 2048, dExpert: 384 });
    const levScenario = await w.save('Ling-mini-beta', 'leverage', lev, {
      inputs: { form: 'configuration', experts: 384, activeExperts: 12, sharedExperts: 1, dModel: 2048, dExpert: 384, activation: 0.031, granularity: 12, flops: 1e22, coefficientSetId: 'tian2025-leverage' },
    });
    const r = await w.call('reports.pdf', { scenarioIds: [arch.id, levScenario.id], paper: 'a4', byteConvention: 'binary' });
    const pdf = await pdfText(new Uint8Array(Buffer.from(r.base64, 'base64')));
    const start = pdf.pageTexts.findIndex((p) => p.includes('How these figures were computed'));
    expect(start).toBeGreaterThan(0);
    const appendix = pdf.pageTexts.slice(start).join(' ');
    expect(appendix).toContain('Comprehensive MoE law: optimal G, S and N_a/N for N = 30 B');
    // G_opt = √(f/e) with the set's f = 7.2446 and e = 0.1577: 6.778, the paper's ≈ 6.78.
    expect(appendix).toContain('√(7.2446/0.1577)');
    expect(appendix).toContain('6.778');
    expect(appendix).toContain('−(−3.2363)/(2·5.1395)');
    // The checked design of the page's inputs (N_a = 3 B, G = 7, S = 0.3, D = 1 T), substituted.
    expect(appendix).toContain('Comprehensive MoE law: loss of the checked design');
    expect(appendix).toMatch(/0\.1577·7 \+ 7\.2446\/7/);
    expect(appendix).toContain('arXiv:2509.23678');
    // The leverage scenario: A from its configuration and Table 1's MoE allocation at 10²² FLOPs.
    expect(appendix).toContain('(12 + 1)/(384 + 1)');
    expect(appendix).toContain('0.1915·(1.0 × 10²²)^(0.5095)');
    expect(rawSentences(appendix)).toEqual([]);
  });
});
