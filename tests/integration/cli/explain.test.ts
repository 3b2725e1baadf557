/** `--explain`: how each figure was computed, printed by the plan, law, memory and deploy commands. */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

/** Raw notation a planner should never read (arXiv identifiers are names, not figures). */
const RAW = /\d[eE][+-]?\d|\^\s*[-+−]?\d|\d\.\d{5,}/;
const rawLines = (text: string) => text.split('\n').filter((l) => RAW.test(l.replace(/arXiv[: ]\d{4}\.\d{4,5}/g, '')));

type Row = { symbol: string; raw: number; substituted: string; value: string };
type Explained = { explanations: Array<{ title: string; rows: Row[]; citation: string; equations: string[] }>; note: string | null };
const rowOf = (x: Explained, title: RegExp, symbol: string): Row => {
  const e = x.explanations.find((e) => title.test(e.title));
  const r = e?.rows.find((r) => r.symbol === symbol);
  if (!r) throw new Error(`no ${symbol} under ${String(title)} in ${x.explanations.map((e) => e.title).join(' | ')}`);
  return r;
};

describe('moe-workbench --explain', () => {
  it('law joint prints Eq. 6, Table 3’s coefficients substituted and the citation, in planner units', async () => {
    const r = await cli('law', 'joint', '--n-act', '1e9', '--tokens', '2e10', '--experts', '8', '--explain');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('How was this computed? Joint MoE law: loss');
    expect(r.stdout).toContain('L(N_act, D, E) = a·Ê^δ·N_act^(α + γ·ln Ê) + b·Ê^ω·D^(β + ζ·ln Ê) + c');
    expect(r.stdout).toMatch(/m = a·Ê\^δ\n\s+= 35\.91·/);
    expect(r.stdout).toContain('arXiv:2502.05172');
    expect(r.stdout).toContain('F = 6·N_act·D');
    expect(rawLines(r.stdout)).toEqual([]);
    // The answer itself is still printed first.
    expect(r.stdout.indexOf('How was this computed?')).toBeGreaterThan(0);
  });

  it('plan compute --explain --json: the explained optimum is the plan’s best design, and time and cost are explained', async () => {
    const args = ['plan', 'compute', '--flops', '1e22', '--experts', '1,8', '--hardware', 'h100-sxm', '--devices', '512', '--utilization', '0.4', '--price', '2.5'];
    const plan = await cliJson(...args);
    const x = (await cliJson(...args, '--explain')) as unknown as Explained;
    const best = plan.best as { nAct: number; tokens: number; loss: number; experts: number };
    expect(best.experts).toBe(8);
    expect(Math.abs(rowOf(x, /compute-optimal/, 'N_opt').raw / best.nAct - 1)).toBeLessThan(1e-12);
    expect(Math.abs(rowOf(x, /compute-optimal/, 'D_opt').raw / best.tokens - 1)).toBeLessThan(1e-12);
    expect(Math.abs(rowOf(x, /compute-optimal/, 'L_opt').raw - best.loss)).toBeLessThan(1e-12);
    // 1e22 / (989.4 TFLOP/s × 0.4) / 3600 by hand.
    expect(rowOf(x, /time and cost/, 'H').raw).toBeCloseTo(1e22 / (9.894e14 * 0.4) / 3600, 6);
    expect(rowOf(x, /time and cost/, '$').value).toBe('$17,500');
  });

  it('memory training --explain: the ZeRO stage-1 model states of Ψ = 7.5 B on 64 ranks are the ZeRO paper’s 31.4 GB', async () => {
    const x = (await cliJson('memory', 'training', '--params', '7.5e9', '--devices', '64', '--zero', '1', '--explain')) as unknown as Explained;
    expect(rowOf(x, /Training memory/, 'M_states').raw / 1e9).toBeCloseTo(31.4, 1);
    expect(x.explanations[0]!.citation).toContain('arXiv:1910.02054');
    const text = await cli('memory', 'training', '--params', '7.5e9', '--devices', '64', '--zero', '1', '--explain');
    expect(text.stdout).toContain('M_states = w·Ψ_d + g·Ψ_d + K·Ψ_d/N_d');
    expect(text.stdout).toContain('Activations not counted');
    expect(rawLines(text.stdout)).toEqual([]);
  });

  it('deploy check --explain explains the chosen training layout, serving memory and time, each equal to the check’s figures', async () => {
    const args = ['deploy', 'check', '--preset', 'mixtral-8x7b', '--train-hardware', 'h100-sxm', '--train-devices', '64', '--zero', '1', '--flops', '1e23', '--serve-hardware', '8xh100'];
    const check = await cliJson(...args);
    const x = (await cliJson(...args, '--explain')) as unknown as Explained;
    expect(x.explanations.map((e) => e.title.split(' (')[0])).toEqual(['Training memory per device', 'Serving memory per device', 'Training time and cost']);
    const rel = (a: number, b: number) => Math.abs(a / b - 1);
    expect(rel(rowOf(x, /Training memory/, 'M_train').raw, check.training.best.memory.totalBytes)).toBeLessThan(1e-12);
    expect(rel(rowOf(x, /Serving memory/, 'M_serve').raw, check.serving.totalBytes)).toBeLessThan(1e-12);
    expect(rel(rowOf(x, /time and cost/, 'H').raw, check.time.gpuHours)).toBeLessThan(1e-12);
    const text = await cli(...args, '--explain');
    expect(text.code).toBe(0);
    expect(rawLines(text.stdout)).toEqual([]);
  });

  it('--explain is offered only by commands whose answer can be explained', async () => {
    expect((await cli('plan', 'compute', '--help')).stdout).toContain('--explain');
    const r = await cli('hardware', 'list', '--explain');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/explain/);
  });
});
