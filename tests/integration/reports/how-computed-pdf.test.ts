/**
 * The report's appendix "How these figures were computed": each scenario's headline figures with
 * their formula, the scenario's values substituted and the citation, after the body; page 1 is
 * untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';
import { pdfText } from './pdf-text';

/** Raw notation a planner should never read; arXiv ids are names. */
const RAW = /\d[eE][+-]?\d|\^\s*[-+−]?\d|\d\.\d{5,}/;

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
    const offending = appendix.split(/(?<=\.) /).filter((l) => RAW.test(l.replace(/arXiv[: ]?\d{4}\.\d{4,5}/g, '')));
    expect(offending).toEqual([]);
  });
});
