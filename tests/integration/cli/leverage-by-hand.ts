/**
 * Tian et al.'s Eq. 13 by hand with Table 2's coefficients (tian2025-leverage as printed):
 * Â = 1/(1/(A + (1/A_start − 1/A_max)⁻¹) + 1/A_max), EL = Â^(a + d·log₁₀ C + γ·(log₂ G)² + β·log₂ G).
 */
export function leverageByHand(A: number, G: number, C: number): number {
  const [a, d, gamma, beta, aStart, aMax] = [1.23, -0.0761, 0.0167, -0.117, 0.0163, 5.28e16];
  const hat = 1 / (1 / (A + 1 / (1 / aStart - 1 / aMax)) + 1 / aMax);
  const x = Math.log2(G);
  return hat ** (a + d * Math.log10(C) + gamma * x * x + beta * x);
}
