/**
 * `moe-workbench leverage from-fits` and `comprehensive surfaces`: two planner-facing answers the
 * UI shows (the Leverage page's EL from your own fits, the Architecture page's loss charts) as
 * commands. Every value is worked out here from LAWS.md: EL = C_dense/C_MoE with
 * C_dense = ((L* − b_d)/α_d)^(−1/β_d) and L* = α_m·C^(−β_m) + b_m (§2), and the five-factor law
 * L = (e·G + f/G + m·S² + n·S)·(1/N^α + k/N_a^α + h·N_a/N) + a/N^α + b/D^β + c/N_a^α + ε with the
 * published coefficients (§3), its saving per percentage point as a numerical derivative.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

const rel = (a: number, b: number) => Math.abs(a / b - 1);
const fitArgs = (d: [number, number, number], m: [number, number, number]) => [
  '--dense-coefficient', String(d[0]), '--dense-exponent', String(d[1]), '--dense-offset', String(d[2]),
  '--moe-coefficient', String(m[0]), '--moe-exponent', String(m[1]), '--moe-offset', String(m[2]),
];

describe('moe-workbench leverage from-fits', () => {
  it('equal exponents and floors: EL = (α_dense/α_MoE)^(1/β), whatever the budget', async () => {
    const r = await cliJson('leverage', 'from-fits', '--flops', '1e21', ...fitArgs([25, 0.1, 1.6], [20, 0.1, 1.6]));
    expect(r.feasible).toBe(true);
    expect(rel(r.el, 1.25 ** 10)).toBeLessThan(1e-12);
    expect(rel(r.targetLoss, 20 * 1e21 ** -0.1 + 1.6)).toBeLessThan(1e-12);
    expect(rel(r.denseFlops, 1.25 ** 10 * 1e21)).toBeLessThan(1e-12);
    const text = await cli('leverage', 'from-fits', '--flops', '1e21', ...fitArgs([25, 0.1, 1.6], [20, 0.1, 1.6]));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`EL = C_dense / C_MoE = ${(1.25 ** 10).toPrecision(3)}×`);
    expect(text.stdout).toContain(`L* = ${(20 * 1e21 ** -0.1 + 1.6).toPrecision(4)} nats/token`);
    expect(text.stdout).toContain('Dense fit: L = 25·C^(−0.1) + 1.6');
  });

  it('different exponents and floors: the dense budget solved by hand', async () => {
    const [C, d, m] = [3e20, [40, 0.12, 1.7], [30, 0.11, 1.75]] as const;
    const target = m[0] * C ** -m[1] + m[2];
    const denseFlops = ((target - d[2]) / d[0]) ** (-1 / d[1]);
    const r = await cliJson('leverage', 'from-fits', '--flops', String(C), ...fitArgs([...d], [...m]));
    expect(rel(r.targetLoss, target)).toBeLessThan(1e-12);
    expect(rel(r.denseFlops, denseFlops)).toBeLessThan(1e-9);
    expect(rel(r.el, denseFlops / C)).toBeLessThan(1e-9);
  });

  it('a MoE loss at or below the dense floor has no EL, and says why', async () => {
    const args = ['leverage', 'from-fits', '--flops', '1e21', ...fitArgs([25, 0.1, 1.9], [20, 0.1, 1.6])];
    // 20·(1e21)^−0.1 + 1.6 ≈ 1.76, below the dense floor 1.9.
    expect(20 * 1e21 ** -0.1 + 1.6).toBeLessThan(1.9);
    const r = await cli(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No EL: The MoE reaches loss 1.7589, at or below the dense fit's floor 1.9");
  });

  it('refuses a bad or missing fit number naming the option (exit 2)', async () => {
    const zero = await cli('leverage', 'from-fits', '--flops', '1e21', '--dense-coefficient', '25', '--dense-exponent', '0', '--moe-coefficient', '20', '--moe-exponent', '0.1');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('(option --dense-exponent)');
    const missing = await cli('leverage', 'from-fits', '--flops', '1e21', '--dense-coefficient', '25', '--dense-exponent', '0.1', '--moe-exponent', '0.1');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing required option --moe-coefficient');
    const help = await cli('leverage', 'from-fits', '--help');
    expect(help.stdout).toContain('--moe-offset <nats/token>');
    expect(help.stdout).toContain('Example:\n  moe-workbench leverage from-fits --flops 1e21');
  });
});

// LAWS.md §3, the published (secondary-source) coefficients.
const K = { e: 0.1577, f: 7.2446, m: 5.1395, n: -3.2363, k: 0.0013, h: 0.045, a: 38.051, alpha: 0.2383, b: 27129.05, beta: 0.4694, c: 31.096, eps: 1.8182 };
function lossByHand(N: number, D: number, Na: number, G: number, S: number): number {
  const P = K.e * G + K.f / G + K.m * S * S + K.n * S;
  return P * (N ** -K.alpha + K.k * Na ** -K.alpha + (K.h * Na) / N) + K.a * N ** -K.alpha + K.b * D ** -K.beta + K.c * Na ** -K.alpha + K.eps;
}

describe('moe-workbench comprehensive surfaces', () => {
  const args = ['comprehensive', 'surfaces', '--total', '3e9', '--tokens', '50e9', '--active', '1e9', '--active-experts', '2,4,7,12', '--shared-ratios', '0,0.2,0.4', '--active-ratios', '0.05,0.1,0.2,0.4'];

  it('the (G, S) surface is the five-factor law at each cell, the curve at G_opt = √(f/e), S_opt = −n/(2m)', async () => {
    const r = await cliJson(...args);
    expect(r.structure.activeExperts).toEqual([2, 4, 7, 12]);
    expect(r.structure.sharedRatios).toEqual([0, 0.2, 0.4]);
    [2, 4, 7, 12].forEach((G, i) => [0, 0.2, 0.4].forEach((S, j) => expect(rel(r.structure.loss[i][j], lossByHand(3e9, 50e9, 1e9, G, S))).toBeLessThan(1e-12)));
    const [gOpt, sOpt] = [Math.sqrt(K.f / K.e), -K.n / (2 * K.m)];
    expect(rel(r.activeRatioCurve.activeExperts, gOpt)).toBeLessThan(1e-12);
    expect(rel(r.activeRatioCurve.sharedRatio, sOpt)).toBeLessThan(1e-12);
    [0.05, 0.1, 0.2, 0.4].forEach((ratio, i) => {
      const L = (x: number) => lossByHand(3e9, 50e9, x * 3e9, gOpt, sOpt);
      expect(rel(r.activeRatioCurve.loss[i], L(ratio))).toBeLessThan(1e-12);
      // The loss one more percentage point saves: −dL/d(N_a/N) × 0.01, by central difference.
      const h = ratio * 1e-5;
      expect(rel(r.activeRatioCurve.marginalLossPerPoint[i], (-(L(ratio + h) - L(ratio - h)) / (2 * h)) * 0.01)).toBeLessThan(1e-5);
    });
    expect(rel(r.optimum.activeExperts, gOpt)).toBeLessThan(1e-9);
  });

  it('prints a narrow surface as a table of losses and the curve with its units', async () => {
    const r = await cli(...args);
    expect(r.code).toBe(0);
    const row = r.stdout.split('\n').find((l) => l.startsWith('7 '))!;
    expect(row.trim().split(/\s+/).slice(1)).toEqual([0, 0.2, 0.4].map((S) => String(Number(lossByHand(3e9, 50e9, 1e9, 7, S).toPrecision(4)))));
    expect(r.stdout).toContain('Loss (nats/token) over 4 activated-expert counts G × 3 shared ratios S at N = 3 B total, N_a = 1 B active parameters (33.3%), D = 50 B tokens');
    expect(r.stdout).toContain('saving per point (nats/token)');
    expect(r.stdout).toMatch(/^10%\s+300 M\s+/m);
  });

  it('refuses a shared ratio that is not a number, or above 1, naming --shared-ratios (exit 2)', async () => {
    const word = await cli('comprehensive', 'surfaces', '--total', '3e9', '--tokens', '50e9', '--shared-ratios', '0,x');
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('--shared-ratios');
    const high = await cli('comprehensive', 'surfaces', '--total', '3e9', '--tokens', '50e9', '--shared-ratios', '0,1.5');
    expect(high.code).toBe(2);
    expect(high.stderr).toContain('(option --shared-ratios)');
  });
});
