/**
 * "How was this computed?" for a next-run proposal, over IPC (explain.figure) and the CLI
 * (next-runs --explain). Every explained figure is recomputed here from LAWS.md's formulas and
 * the fit's stored replicates, not from the planner: the joint law (Eq. 4–6) for each run's loss,
 * Eq. 7 (sign fixed) for the recommendation, F = 6·N·D and GPU-hours = F/(peak·u)/3600 (§7) for
 * the cost, the sample covariance of the replicates' predictions with Sherman–Morrison updates for
 * the linearised band, and type-7 percentiles for the bootstrap and simulated bands.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { cli, cliJson, ctx } from '../cli/run-cli';
import { pdfText } from '../reports/pdf-text';
import { money } from '../../../src-main/format';
import { fittedProject } from './fixture';

type Written = { figure: string; title: string; citation: string; rows: Array<{ symbol: string; raw: number; value: string; formula: string; substituted: string; headline: boolean }>; inputs: Array<{ symbol: string; value: string }>; coefficients: Array<{ symbol: string; value: string }>; data: { raw: number[][]; rows: string[][] } | null };
type Explained = { explanations: Written[]; note: string | null };

let fixture: Awaited<ReturnType<typeof fittedProject>>;
let hardwareId: string;
beforeAll(async () => {
  fixture = await fittedProject(ctx);
  // A rented H100: the datasheet's 989.4 TFLOP/s dense BF16, at $2.50 per device-hour.
  const hw = await dispatch(handlers, ctx, 'hardware.save', { name: 'Rented H100', deviceCount: 1, memoryBytesPerDevice: 85899345920, peakFlopsPerDevice: 9.894e14, defaultUtilization: 0.4, pricePerDeviceHour: 2.5, source: 'test' });
  if (!hw.ok) throw new Error(hw.error.message);
  hardwareId = (hw.value as { id: string }).id;
}, 120_000);

const PEAK = 9.894e14;
const PRICE = 2.5;
const Z90 = 1.6448536269514722; // Φ⁻¹(0.95)

/** LAWS.md §1: Eq. 4's transform and the per-E law of Eq. 5. */
function perE(k: Record<string, number>, E: number) {
  const eHat = 1 / (1 / (E - 1 + 1 / (1 / k.eStart! - 1 / k.eMax!)) + 1 / k.eMax!);
  const l = Math.log(eHat);
  return { m: k.a! * eHat ** k.delta!, mu: k.alpha! + k.gamma! * l, n: k.b! * eHat ** k.omega!, nu: k.beta! + k.zeta! * l, c: k.c! };
}
const loss = (k: Record<string, number>, N: number, D: number, E: number) => {
  const p = perE(k, E);
  return p.m * N ** p.mu + p.n * D ** p.nu + p.c;
};
/** Eq. 7 with LAWS.md's sign fix, best over the plan's E list (1, 2, 4, …, 64). */
function recommendation(k: Record<string, number>, F: number) {
  let best: { E: number; N: number; D: number; L: number } | null = null;
  for (const E of [1, 2, 4, 8, 16, 32, 64]) {
    const p = perE(k, E);
    if (!(p.m > 0 && p.n > 0 && p.mu < 0 && p.nu < 0)) continue;
    const G = ((p.mu * p.m) / (p.nu * p.n)) ** (-1 / (p.mu + p.nu));
    const N = G * (F / 6) ** (p.nu / (p.mu + p.nu));
    const D = F / 6 / N;
    const L = loss(k, N, D, E);
    if (!best || L < best.L) best = { E, N, D, L };
  }
  return best!;
}
const type7 = (values: number[], q: number) => {
  const v = [...values].sort((a, b) => a - b);
  const h = (v.length - 1) * q;
  const i = Math.floor(h);
  return v[i]! + (h - i) * (v[Math.min(i + 1, v.length - 1)]! - v[i]!);
};
const headline = (x: Written, symbol: string) => {
  const r = x.rows.find((r) => r.symbol === symbol);
  if (!r) throw new Error(`${x.title}: no row ${symbol} (rows: ${x.rows.map((r) => r.symbol).join(', ')})`);
  return r.raw;
};

describe('explain.figure for nextRun.propose', () => {
  it('explains the proposal it is sent: the runs, the allowance and the bands, recomputed from LAWS.md and the stored replicates', async () => {
    const request = { projectId: fixture.projectId, coefficientSetId: fixture.setId, targetFlops: 1e22, gpuHours: 2000, hardwareId, count: 3, worlds: 6, seed: 2 };
    const proposed = await dispatch(handlers, ctx, 'nextRun.propose', request);
    if (!proposed.ok) throw new Error(proposed.error.message);
    const p = proposed.value as Record<string, any>;
    const env = await dispatch(handlers, ctx, 'explain.figure', { channel: 'nextRun.propose', request, proposal: p, bytes: 'decimal' });
    if (!env.ok) throw new Error(env.error.message);
    const x = env.value as Explained;
    const by = (figure: string) => x.explanations.filter((e) => e.figure === figure);
    const k = ctx.store().coefficients.get(fixture.setId).values;

    // The recommendation at 10²² FLOPs: Eq. 7 on the fit.
    const rec = recommendation(k, 1e22);
    const [target] = by('nextRun.target');
    expect(target!.title).toContain(`E = ${rec.E}`);
    expect(headline(target!, 'N_opt') / rec.N).toBeCloseTo(1, 9);
    expect(headline(target!, 'D_opt') / rec.D).toBeCloseTo(1, 9);
    expect(headline(target!, 'L_opt')).toBeCloseTo(rec.L, 9);

    // Each run: tokens, FLOPs, device-hours, money and loss.
    const runs = by('nextRun.run');
    expect(runs).toHaveLength(p.runs.length);
    runs.forEach((e, i) => {
      const r = p.runs[i];
      const F = 6 * r.nAct * r.tokens;
      expect(headline(e, 'D') / r.tokens).toBeCloseTo(1, 12);
      expect(headline(e, 'F') / F).toBeCloseTo(1, 12);
      expect(headline(e, 'H') / (F / (PEAK * 0.4) / 3600)).toBeCloseTo(1, 12);
      expect(headline(e, '$') / ((F / (PEAK * 0.4) / 3600) * PRICE)).toBeCloseTo(1, 12);
      expect(headline(e, 'L')).toBeCloseTo(loss(k, r.nAct, r.tokens, r.experts), 10);
      expect(e.rows.find((row) => row.symbol === '$')!.value).toMatch(/^\$[\d,.]+$/);
    });
    const [allowance] = by('nextRun.allowance');
    const spent = p.runs.reduce((s: number, r: any) => s + (6 * r.nAct * r.tokens) / (PEAK * 0.4) / 3600, 0);
    expect(headline(allowance!, 'ΣH') / spent).toBeCloseTo(1, 12);
    expect(headline(allowance!, 'H_left')).toBeCloseTo(2000 - spent, 6);

    // The band now: percentiles of each replicate's recommended loss.
    const replicates = ctx.store().coefficients.replicates(fixture.setId)!;
    const qs = replicates.map((rk) => recommendation(rk, 1e22).L);
    const [now] = by('nextRun.bootstrapBand');
    expect(headline(now!, 'L_lo')).toBeCloseTo(type7(qs, 0.05), 10);
    expect(headline(now!, 'L_hi')).toBeCloseTo(type7(qs, 0.95), 10);
    expect(p.bootstrapBand.low).toBeCloseTo(type7(qs, 0.05), 10);

    // The linearised band: with seed 2 the simulated refits pick the set of the replicates' own predictions (the ensemble prior), recomputed here.
    const [linear] = by('nextRun.linearBand');
    expect(p.prior).toBe('ensemble');
    {
      const samples = replicates.map((rk, i) => [qs[i]!, ...p.runs.map((r: any) => Math.log(loss(rk, r.nAct, r.tokens, r.experts)))]);
      const d = samples[0]!.length;
      const mean = Array.from({ length: d }, (_, j) => samples.reduce((s, r) => s + r[j]!, 0) / samples.length);
      const C = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => samples.reduce((s, r) => s + (r[i]! - mean[i]!) * (r[j]! - mean[j]!), 0) / (samples.length - 1)));
      // σ: the fit's residual SD of ln L on the 18 stored runs, 9 free parameters (E_start and E_max held fixed).
      const stored = ctx.store().runs.list(fixture.projectId);
      const ss = stored.reduce((s, r) => s + (Math.log(loss(k, r.nAct, r.tokens, r.experts ?? 1)) - Math.log(r.loss)) ** 2, 0);
      const s2 = ss / (stored.length - 9);
      const V0 = C[0]![0]!;
      for (let j = 1; j < d; j++) {
        const denom = C[j]![j]! + s2;
        const col = C.map((row) => row[j]!);
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) C[a]![b]! -= (col[a]! * col[b]!) / denom;
      }
      const Vn = C[0]![0]!;
      expect(headline(linear!, 'L_lo,before')).toBeCloseTo(rec.L - Z90 * Math.sqrt(V0), 9);
      expect(headline(linear!, 'L_hi,after')).toBeCloseTo(rec.L + Z90 * Math.sqrt(Vn), 9);
      expect(headline(linear!, 's_W')).toBeCloseTo(Math.sqrt(Vn / V0), 9);
      // The share is written as the ratio of the two widths with their numbers, not as itself.
      const share = linear!.rows.find((r) => r.symbol === 's_W')!;
      expect(share.formula).toBe('W_after/W_before');
      const [wa, wb] = share.substituted.split('/').map(Number);
      expect(wa! / wb!).toBeCloseTo(Math.sqrt(Vn / V0), 2);
      // q = L is in nats/token and runs are observed in ln L: Var q in (nats/token)², Var ln L in (ln L)², Cov in their product.
      const unitOf = (symbol: string) => linear!.rows.find((r) => r.symbol === symbol)!.value;
      expect(unitOf(`V_${p.runs.length}`)).toMatch(/^[\d.,]+( × 10[⁻\d]+)? \(nats\/token\)²$/);
      expect(unitOf('g_1')).toMatch(/ \(nats\/token\)²$/);
      const termOf = (symbol: string) => linear!.inputs.find((t) => t.symbol === symbol)!.value;
      expect(termOf('v_1')).toMatch(/ \(ln L\)²$/);
      expect(termOf('c_1')).toMatch(/ \(nats\/token\)·\(ln L\)$/);
      expect(termOf('σ')).toMatch(/^[\d.]+ ln L$/);
      // z is the normal distribution's, not a coefficient of the fit: listed among the values, not under the set's name.
      expect(linear!.coefficients.map((c) => c.symbol)).not.toContain('z');
      expect(Number(termOf('z'))).toBeCloseTo(Z90, 3);
      expect(linear!.data!.raw.map((r) => r[1])).toEqual(qs.map((q) => expect.closeTo(q, 10)));
    }
    // Whichever prior, the explanation lands on the bands the proposal shows.
    expect(headline(linear!, 'L_lo,before')).toBeCloseTo(p.predicted.before.low, 9);
    expect(headline(linear!, 'L_hi,after')).toBeCloseTo(p.predicted.after.high, 9);

    // The simulated band: the loss plus the 5th–95th percentile of the worlds' errors it lists.
    const sim = by('nextRun.simulatedBand');
    expect(sim).toHaveLength(2);
    const errors = (e: Written) => e.data!.raw.map((r) => r[1]!);
    expect(headline(sim[0]!, 'L_lo,before')).toBeCloseTo(rec.L + type7(errors(sim[0]!), 0.05), 9);
    expect(headline(sim[1]!, 'L_hi,after')).toBeCloseTo(rec.L + type7(errors(sim[1]!), 0.95), 9);
    expect(headline(sim[1]!, 'L_hi,after')).toBeCloseTo(p.simulated.after.high, 9);
    expect(errors(sim[0]!).length).toBe(6 - p.simulated.failed);

    // Cited, in planner units, with the method.
    expect(runs[0]!.citation).toBe('User fit (test fixture)');
    expect(linear!.citation).toMatch(/Chaloner & Verdinelli 1995/);
    expect(x.note).toMatch(/c-optimal/);
    const text = JSON.stringify(x.explanations.map((e) => [e.title, e.rows.map((r) => [r.substituted, r.value])]));
    expect(text).not.toMatch(/e[+-]\d|\^\d/);
  }, 180_000);

  it('explains the band of N_act: ln N_act is what the planner linearises, so the ends are exp(ln N₀ ± z·√V)', async () => {
    const request = { projectId: fixture.projectId, coefficientSetId: fixture.setId, targetFlops: 1e22, gpuHours: 2000, hardwareId, count: 2, worlds: 0, quantity: 'nAct' };
    const proposed = await dispatch(handlers, ctx, 'nextRun.propose', request);
    if (!proposed.ok) throw new Error(proposed.error.message);
    const p = proposed.value as Record<string, any>;
    const env = await dispatch(handlers, ctx, 'explain.figure', { channel: 'nextRun.propose', request, proposal: p });
    if (!env.ok) throw new Error(env.error.message);
    const x = env.value as Explained;
    const by = (figure: string) => x.explanations.find((e) => e.figure === figure)!;
    const replicates = ctx.store().coefficients.replicates(fixture.setId)!;
    const lnN = replicates.map((rk) => Math.log(recommendation(rk, 1e22).N));
    expect(headline(by('nextRun.bootstrapBand'), 'N_act_lo') / Math.exp(type7(lnN, 0.05))).toBeCloseTo(1, 9);
    expect(headline(by('nextRun.bootstrapBand'), 'N_act_hi') / Math.exp(type7(lnN, 0.95))).toBeCloseTo(1, 9);
    const linear = by('nextRun.linearBand');
    expect(headline(linear, 'N_act_lo,before') / p.predicted.before.low).toBeCloseTo(1, 9);
    expect(headline(linear, 'N_act_hi,after') / p.predicted.after.high).toBeCloseTo(1, 9);
    // Symmetric in ln N_act around the recommendation: lo·hi = N₀².
    const n0 = recommendation(ctx.store().coefficients.get(fixture.setId).values, 1e22).N;
    expect((headline(linear, 'N_act_lo,before') * headline(linear, 'N_act_hi,before')) / n0 ** 2).toBeCloseTo(1, 9);
    expect(x.explanations.some((e) => e.figure === 'nextRun.simulatedBand')).toBe(false);
    // q = ln N_act: its variance is in (ln N_act)², the run's ln L variance in (ln L)².
    expect(linear.rows.find((r) => r.symbol === 'V_1')!.value).toMatch(/ \(ln N_act\)²$/);
    expect(linear.rows.find((r) => r.symbol === 'g_1')!.value).toMatch(/ \(ln N_act\)²$/);
  }, 120_000);

  it('refuses a proposal sent with a request it does not answer, naming the field', async () => {
    const request = { projectId: fixture.projectId, coefficientSetId: fixture.setId, targetFlops: 1e22, gpuHours: 2000, hardwareId, worlds: 0 };
    const proposed = await dispatch(handlers, ctx, 'nextRun.propose', request);
    if (!proposed.ok) throw new Error(proposed.error.message);
    const env = await dispatch(handlers, ctx, 'explain.figure', { channel: 'nextRun.propose', request: { ...request, targetFlops: 1e23 }, proposal: proposed.value });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error).toMatchObject({ code: 'invalid-request', path: ['proposal', 'inputs'] });
  }, 60_000);
});

describe('moe-workbench next-runs --explain', () => {
  it('prints the proposal, then how each figure was computed, explaining the proposal printed', async () => {
    const args = ['next-runs', '--project', fixture.projectId, '--coefficient-set', fixture.setId, '--budget', '1e22', '--gpu-hours', '2000', '--hardware', hardwareId, '--worlds', '0', '--count', '2'];
    const r = await cli(...args, '--explain');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/How was this computed\? Recommendation at the target/);
    expect(r.stdout).toMatch(/How was this computed\? Proposed run 1: E = \d+/);
    expect(r.stdout).toMatch(/How was this computed\? Band before and after the \d proposed runs?: linearised law/);
    expect(r.stdout).toMatch(/Note: Method: Bayesian c-optimal/);
    expect(r.stdout).toMatch(/No simulated refits/);
    const json = (await cliJson(...args, '--explain')) as unknown as Explained;
    expect(json.explanations.map((e) => e.figure)).toContain('nextRun.linearBand');
  }, 120_000);
});

describe('the PDF of a saved next-run proposal', () => {
  it('has the appendix "How these figures were computed" with each run, the allowance and the bands, from the saved proposal', async () => {
    const args = ['next-runs', '--project', fixture.projectId, '--coefficient-set', fixture.setId, '--budget', '1e22', '--gpu-hours', '2000', '--hardware', hardwareId, '--worlds', '4', '--count', '2'];
    const saved = await cli(...args, '--save', 'Explained next runs', '--json');
    expect(saved.code).toBe(0);
    const id = /Saved scenario "Explained next runs" \[([^\]]+)\]/.exec(saved.stderr)?.[1];
    const v = JSON.parse(saved.stdout);
    const pdf = await dispatch(handlers, ctx, 'reports.pdf', { scenarioIds: [id!], paper: 'a4' });
    if (!pdf.ok) throw new Error(pdf.error.message);
    const text = (await pdfText(new Uint8Array(Buffer.from((pdf.value as { base64: string }).base64, 'base64')))).text.replace(/\s+/g, ' ');
    expect(text).toContain('How these figures were computed');
    expect(text).toMatch(/Proposed run 1: E = \d+/);
    expect(text).toMatch(/GPU-hours of the proposed runs against the allowance/);
    expect(text).toMatch(/Band before and after the \d proposed runs?: linearised law/);
    expect(text).toMatch(/4 simulated refits/);
    // The money of run 1 at $2.50 per device-hour, as the formatter writes it.
    const dollars = ((6 * v.runs[0].nAct * v.runs[0].tokens) / (PEAK * 0.4) / 3600) * PRICE;
    expect(text).toContain(money(dollars));
  }, 180_000);
});
