/** `--explain`: how each figure was computed, printed by the plan, law, memory and deploy commands. */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';
import { RAW_NOTATION } from '../../e2e/fixtures/planner-units';

/**
 * Raw notation a planner should never read (arXiv identifiers are names, not figures): e-notation,
 * a caret before a digit, or a float to more significant digits than any rule writes (more than
 * six, counted after leading zeros: "0.006276" has four, as the explanations write small constants).
 */
const RAW = RAW_NOTATION;
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
  it('is offered by the commands whose answer explain.figure explains, and only by them', async () => {
    for (const words of [['fit'], ['next-runs'], ['law', 'joint'], ['plan', 'compute']]) expect((await cli(...words, '--help')).stdout, words.join(' ')).toMatch(/--explain/);
    for (const words of [['runs', 'list'], ['projects', 'list'], ['hardware', 'list']]) expect((await cli(...words, '--help')).stdout, words.join(' ')).not.toMatch(/--explain/);
  });

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

  const rel = (a: number, b: number) => Math.abs(a / b - 1);

  it('optimum comprehensive --explain: G_opt, S_opt and both ratios equal the answer, with the paper’s G ≈ 6.78 and the closed form √(f/e)', async () => {
    const o = await cliJson('optimum', 'comprehensive', '--total', '30e9');
    const x = (await cliJson('optimum', 'comprehensive', '--total', '30e9', '--explain')) as unknown as Explained;
    expect(rel(rowOf(x, /optimal G, S/, 'G_opt').raw, o.activeExperts)).toBeLessThan(1e-12);
    expect(rel(rowOf(x, /optimal G, S/, 'S_opt').raw, o.sharedRatio)).toBeLessThan(1e-12);
    expect(rel(rowOf(x, /optimal G, S/, 'r_opt').raw, o.activeRatio)).toBeLessThan(1e-12);
    expect(rel(rowOf(x, /optimal G, S/, 'r_τ').raw, o.activeRatioEfficient)).toBeLessThan(1e-12);
    expect(rowOf(x, /optimal G, S/, 'G_opt').value).toBe('6.778');
    const text = await cli('optimum', 'comprehensive', '--total', '30e9', '--explain');
    expect(text.stdout).toContain('G_opt = √(f/e)');
    expect(text.stdout).toContain('arXiv:2509.23678');
    expect(rawLines(text.stdout)).toEqual([]);
  });

  it('allocation leverage --explain: Table 1 and Eq. 3 for dense and MoE, each equal to the answer', async () => {
    const a = await cliJson('allocation', 'leverage', '--flops', '1e22');
    const x = (await cliJson('allocation', 'leverage', '--flops', '1e22', '--explain')) as unknown as Explained;
    for (const [k, title] of [['dense', /Dense compute-optimal/], ['moe', /MoE compute-optimal/]] as const) {
      expect(rel(rowOf(x, title, 'M_opt').raw, a[k].flopsPerToken)).toBeLessThan(1e-12);
      expect(rel(rowOf(x, title, 'D_opt').raw, a[k].tokens)).toBeLessThan(1e-12);
      expect(rel(rowOf(x, title, 'η_opt').raw, a[k].learningRate)).toBeLessThan(1e-12);
      expect(rel(rowOf(x, title, 'B_opt').raw, a[k].batchTokens)).toBeLessThan(1e-12);
    }
    // Table 1's MoE M_opt = 0.1915·C^0.5095 by hand.
    expect(rel(rowOf(x, /MoE compute-optimal/, 'M_opt').raw, 0.1915 * 1e22 ** 0.5095)).toBeLessThan(1e-12);
    const text = await cli('allocation', 'leverage', '--flops', '1e22', '--explain');
    expect(text.stdout).toContain('0.1915·(1.0 × 10²²)^(0.5095)');
    expect(rawLines(text.stdout)).toEqual([]);
  });

  it('law leverage --explain from a configuration: A, G, EL, dense compute and the best granularity, each equal to the answers', async () => {
    const args = ['--flops', '1e22', '--experts', '384', '--active-experts', '12', '--shared-experts', '1', '--d-model', '2048', '--d-expert', '384'];
    const el = await cliJson('law', 'leverage', ...args);
    const x = (await cliJson('law', 'leverage', ...args, '--explain')) as unknown as Explained;
    expect(rel(rowOf(x, /^Efficiency Leverage$/, 'A').raw, 13 / 385)).toBeLessThan(1e-12);
    expect(rel(rowOf(x, /^Efficiency Leverage$/, 'EL').raw, el.el)).toBeLessThan(1e-12);
    expect(rel(rowOf(x, /^Efficiency Leverage$/, 'C_dense').raw, el.denseFlops)).toBeLessThan(1e-12);
    const best = await cliJson('optimum', 'leverage', '--activation', String(el.activation), '--flops', '1e22');
    expect(rel(rowOf(x, /best granularity/, 'G*').raw, best.granularity)).toBeLessThan(1e-12);
  });

  it('compare dense-moe --flops --explain: the dense optimum, then each E’s FLOPs to match and savings, equal to the comparison', async () => {
    const c = await cliJson('compare', 'dense-moe', '--flops', '1e22', '--experts', '1,4,8');
    const x = (await cliJson('compare', 'dense-moe', '--flops', '1e22', '--experts', '1,4,8', '--explain')) as unknown as Explained;
    expect(rel(rowOf(x, /dense model \(E = 1\)/, 'L_opt').raw, c.dense.loss)).toBeLessThan(1e-12);
    for (const p of c.perExpert.filter((p: { experts: number }) => p.experts > 1)) {
      expect(rel(rowOf(x, new RegExp(`E = ${p.experts} to match`), 'F_match').raw, p.flopsToMatch)).toBeLessThan(1e-12);
      expect(Math.abs(rowOf(x, new RegExp(`E = ${p.experts} to match`), 'savings').raw - p.savings)).toBeLessThan(1e-12);
    }
    const text = await cli('compare', 'dense-moe', '--flops', '1e22', '--experts', '1,4,8', '--explain');
    expect(text.stdout).toContain('F_match = 6·((L_dense − c)/K)^(1/s)');
    expect(rawLines(text.stdout)).toEqual([]);
  });

  it('compare dense-moe --total-params --explain: the paper’s 1.1 B example, each figure equal to the rule of thumb’s', async () => {
    const args = ['compare', 'dense-moe', '--total-params', '1.1e9', '--dense-tokens', '8e9', '--experts', '2,4'];
    const r = await cliJson(...args);
    const x = (await cliJson(...args, '--explain')) as unknown as Explained;
    expect(rel(rowOf(x, /dense model of 1\.1 B/, 'L_dense').raw, r.dense.loss)).toBeLessThan(1e-12);
    for (const p of r.perExpert) {
      expect(rel(rowOf(x, new RegExp(`E = ${p.experts} at the same total`), 'L_E').raw, p.loss)).toBeLessThan(1e-12);
      expect(rel(rowOf(x, new RegExp(`E = ${p.experts} at the same total`), 'L_F').raw, p.computeMatched.loss)).toBeLessThan(1e-12);
    }
    const text = await cli(...args, '--explain');
    expect(text.stdout).toContain('saved = 1 − N_act/N');
    expect(rawLines(text.stdout)).toEqual([]);
  });

  it('optimum dense-moe --explain: the paper’s 16.37% gain, and a calibrated curve through the point it was calibrated on', async () => {
    const args = ['optimum', 'dense-moe', '--flops', '1e22', '--dense-flops', '1e20', '--dense-tokens', '4e10'];
    const o = await cliJson(...args);
    const x = (await cliJson(...args, '--explain')) as unknown as Explained;
    expect(rel(rowOf(x, /data-utilisation/, 'gain').raw, (0.59 - 0.507) / 0.507)).toBeLessThan(1e-12);
    expect(rel(rowOf(x, /Dense compute-optimal allocation/, 'D_opt').raw, o.dense.tokens)).toBeLessThan(1e-12);
    expect(rel(rowOf(x, /Dense compute-optimal allocation/, 'N_opt').raw, o.dense.flopsPerToken)).toBeLessThan(1e-12);
    expect(x.note).toContain('uncalibrated');
    const at = (await cliJson('optimum', 'dense-moe', '--flops', '1e20', '--dense-flops', '1e20', '--dense-tokens', '4e10', '--explain')) as unknown as Explained;
    expect(rel(rowOf(at, /Dense compute-optimal allocation/, 'D_opt').raw, 4e10)).toBeLessThan(1e-9);
  });

  it('plan compute --explain writes Eq. 8’s learning rate for the recommended design', async () => {
    const plan = await cliJson('plan', 'compute', '--flops', '1e22', '--experts', '1,8');
    const x = (await cliJson('plan', 'compute', '--flops', '1e22', '--experts', '1,8', '--explain')) as unknown as Explained;
    expect(rel(rowOf(x, /learning rate/, 'LR').raw, plan.best.learningRate.value)).toBeLessThan(1e-12);
    // Eq. 8 by hand at the plan's own N and E.
    const n = plan.best.learningRate.parameterCount;
    expect(rel(rowOf(x, /learning rate/, 'LR').raw, Math.exp(8.39 - 0.81 * Math.log(n) - 0.25 * Math.log(8)))).toBeLessThan(1e-12);
  });

  it('--explain is offered only by commands whose answer can be explained', async () => {
    expect((await cli('plan', 'compute', '--help')).stdout).toContain('--explain');
    const r = await cli('hardware', 'list', '--explain');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/explain/);
  });
});

describe('moe-workbench plan … --explain: the design table and the band', () => {
  type Shape = { dModel: number; nBlocks: number };
  type Candidate = { experts: number; feasible: boolean; nAct: number; tokens: number; loss: number; shape: Shape; buildable: { shape: Shape; nTotal: number; loss: number; memory: { totalBytes: number } } };
  const V = 50_257;
  const nTotalOf = (d: number, e: number) => 2 * d * V + (4 + 9 * e) * (d / 64) * d * d;

  it('plan memory on one RTX 4090: both shapes, every other candidate and the fit-error band, recomputed from App. A and App. B', async () => {
    const args = ['plan', 'memory', '--flops', '1e22', '--hardware', 'rtx4090', '--experts', '1,2,4,8'];
    const plan = (await cliJson(...args)) as unknown as { best: Candidate; candidates: Candidate[]; kvTokens: number };
    const x = (await cliJson(...args, '--explain')) as unknown as Explained;
    const e = plan.best.experts;
    const exact = new RegExp(`^Exact continuous shape of E = ${e}`);
    const buildable = new RegExp(`^Buildable shape of E = ${e}`);
    // The exact width fills the card: App. A's N_total at that width, in bf16, plus the MHA cache of 16,384 tokens.
    const d = rowOf(x, exact, 'd_model').raw;
    expect(d / plan.best.shape.dModel - 1).toBeCloseTo(0, 12);
    expect(rowOf(x, exact, 'N_total').raw / nTotalOf(d, e) - 1).toBeCloseTo(0, 12);
    const db = rowOf(x, buildable, 'd_b').raw;
    expect(db).toBe(plan.best.buildable.shape.dModel);
    expect(db % 64).toBe(0);
    expect(rowOf(x, buildable, 'N_total_b').raw).toBe(nTotalOf(db, e));
    expect(rowOf(x, buildable, 'M_b').raw / (2 * nTotalOf(db, e) + 2 * plan.kvTokens * (db / 64) * db * 2) - 1).toBeCloseTo(0, 12);
    expect(Math.abs(rowOf(x, buildable, 'L_b').raw - plan.best.buildable.loss)).toBeLessThan(1e-12);
    // Each other feasible E has its own row explained.
    for (const c of plan.candidates.filter((c) => c.feasible && c.experts !== e)) {
      expect(rowOf(x, new RegExp(`^Candidate E = ${c.experts}:`), 'L').raw - c.loss).toBeCloseTo(0, 12);
    }
    // The published fit error of App. B: ± 0.0062 around the loss.
    expect(rowOf(x, /^Uncertainty band/, 'L_hi').raw - plan.best.loss).toBeCloseTo(0.0062, 12);
    const text = await cli(...args, '--explain');
    expect(text.stdout).toContain(`How was this computed? Buildable shape of E = ${e}`);
    expect(text.stdout).toContain('d_b = 64·h');
    expect(rawLines(text.stdout)).toEqual([]);
  });
});

describe('moe-workbench call explain.figure: the optimal-E table (table optimal-experts --explain prints the same)', () => {
  it('explains each of Table 2’s cells with its winning E, as table.optimalExperts answers it', async () => {
    const table = (await cliJson('call', 'table.optimalExperts', '{"budgets":[1e21,1e23]}')) as unknown as { cells: Array<Array<{ bestExperts: number; loss: number }>>; memories: Array<{ label: string }> };
    const x = (await cliJson('call', 'explain.figure', JSON.stringify({ channel: 'table.optimalExperts', request: { budgets: [1e21, 1e23] } }))) as unknown as Explained & { explanations: Array<{ note: string | null }> };
    expect(x.explanations).toHaveLength(2 * table.memories.length);
    table.cells.flat().forEach((c, i) => {
      const e = x.explanations[i]!;
      expect(e.note).toMatch(new RegExp(`^E = ${c.bestExperts} has the lowest predicted loss`));
      expect(e.title).toContain(table.memories[i % table.memories.length]!.label);
      expect(Math.abs(e.rows.find((r) => r.symbol === 'L')!.raw - c.loss)).toBeLessThan(1e-12);
    });
  });
});

describe('explain.figure: the leverage contours', () => {
  /** Eq. 13 with Table 2's coefficients, written out again (LAWS.md §2: log₂ G, log₁₀ C). */
  const el = (A: number, G: number, C: number) => {
    const aHat = 1 / (1 / (A + 1 / (1 / 1.63e-2 - 1 / 5.28e16)) + 1 / 5.28e16);
    const x = Math.log2(G);
    return aHat ** (1.23 - 7.61e-2 * Math.log10(C) + 1.67e-2 * x * x - 1.17e-1 * x);
  };
  it('writes the highest cell and the four corners of the grid as Eq. 13, the highest being Tian et al.’s “EL above 7” at A = 3.1 %, G = 12, 10²² FLOPs', async () => {
    const request = { flops: 1e22, activations: [0.031, 0.5], granularities: [2, 12] };
    const x = (await cliJson('call', 'explain.figure', JSON.stringify({ channel: 'leverage.contours', request }))) as unknown as Explained;
    expect(x.explanations.map((e) => e.title.split(':')[0])).toEqual(['Contour cell, highest EL', 'Contour cell, lowest A, lowest G', 'Contour cell, lowest A, highest G', 'Contour cell, highest A, lowest G', 'Contour cell, highest A, highest G']);
    const top = rowOf(x, /highest EL/, 'EL').raw;
    expect(top / el(0.031, 12, 1e22) - 1).toBeCloseTo(0, 12);
    expect(top).toBeGreaterThan(7);
    for (const [title, A, G] of [[/lowest A, lowest G/, 0.031, 2], [/lowest A, highest G/, 0.031, 12], [/highest A, lowest G/, 0.5, 2], [/highest A, highest G/, 0.5, 12]] as const) {
      expect(rowOf(x, title, 'EL').raw / el(A, G, 1e22) - 1).toBeCloseTo(0, 12);
    }
    expect(x.note).toContain('Each of the 2 × 2 cells is Eq. 13');
  });
});

describe('compare scenarios --explain: each compared scenario’s figures from its saved results', () => {
  it('writes each saved plan’s optimum under its name, Eq. 7 by hand at its own budget', async () => {
    const project = await cliJson('projects', 'create', '--name', 'Explained comparison');
    const ids: string[] = [];
    for (const flops of ['1e21', '1e22']) {
      const r = await cli('plan', 'compute', '--flops', flops, '--experts', '8', '--save', `E = 8 at ${flops}`, '--project', project.id, '--json');
      ids.push(/\[([^\]]+)\]/.exec(r.stderr)![1]!);
    }
    const x = (await cliJson('compare', 'scenarios', '--scenario', ids.join(','), '--explain')) as unknown as Explained;
    // Eq. 4, 5 and 7 (sign fixed) with Table 3 at E = 8, written out again.
    const h = 1 / (1 / (8 - 1 + 1 / (1 / 2.0732 - 1 / 290.4521)) + 1 / 290.4521);
    const [m, mu, n, nu] = [35.91 * h ** -0.2285, -0.1889 + 0.0098 * Math.log(h), 35.98 * h ** 0.5529, -0.1775 - 0.0259 * Math.log(h)];
    for (const flops of [1e21, 1e22]) {
      const N = ((mu * m) / (nu * n)) ** (-1 / (mu + nu)) * (flops / 6) ** (nu / (mu + nu));
      const title = new RegExp(`^E = 8 at ${flops.toExponential().replace('+', '')}: Joint MoE law: compute-optimal`);
      expect(rowOf(x, title, 'N_opt').raw / N - 1).toBeCloseTo(0, 9);
    }
    const text = await cli('compare', 'scenarios', '--scenario', ids.join(','), '--explain');
    expect(text.stdout).toContain('How was this computed? E = 8 at 1e22: Joint MoE law: compute-optimal N_act and D at E = 8');
  });
});
