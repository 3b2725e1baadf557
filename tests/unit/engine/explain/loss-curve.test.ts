/**
 * The optimal loss curve the dense-vs-MoE explanations share (optimalLossCurveSteps): along each
 * E's compute optimum the loss is c + K·(F/6)^s. Checked against Eq. 5's loss at Eq. 7's optimum
 * (sign fixed), both written here from Table 3's coefficients, and its inverse against the budget.
 */
import { describe, expect, it } from 'vitest';
import { publishedSet } from '../../../../src-main/engine/common/coefficients';
import { jointCoefficients } from '../../../../src-main/engine/joint/coefficients';
import { evaluate, flopsToReachStep, input, optimalLossCurveSteps, perExpertSteps } from '../../../../src-main/engine/explain';

const JOINT = publishedSet('ludziejewski2025-joint');
const k = jointCoefficients(JOINT);

describe('optimalLossCurveSteps', () => {
  it.each([1, 8, 32])('E = %i: c + K·(F/6)^s is the loss at Eq. 7’s optimum, and the FLOPs to reach it are F', (E) => {
    const p = perExpertSteps(k, E);
    const [m, mu, n, nu, c] = [evaluate(p.m), evaluate(p.mu), evaluate(p.n), evaluate(p.nu), evaluate(p.c)];
    const curve = optimalLossCurveSteps(p);
    for (const F of [1e20, 1e22, 1e24]) {
      // Eq. 7 by hand: N = G·(F/6)^(ν/(μ+ν)) with G = (μ·m/(ν·n))^(−1/(μ+ν)); D = F/(6N); L = m·N^μ + n·D^ν + c.
      const G = ((mu * m) / (nu * n)) ** (-1 / (mu + nu));
      const N = G * (F / 6) ** (nu / (mu + nu));
      const L = m * N ** mu + n * (F / (6 * N)) ** nu + c;
      const K = evaluate(curve.K);
      const s = evaluate(curve.s);
      expect((c + K * (F / 6) ** s) / L).toBeCloseTo(1, 12);
      const back = flopsToReachStep(p, curve, input('L', L, 'nats/token', 'loss'), 'F', 'FLOPs to reach L');
      expect(evaluate(back) / F).toBeCloseTo(1, 9);
    }
  });
});
