/**
 * The joint MoE law's Eq. 6 by hand with Table 3's coefficients (LAWS.md §1):
 * L = a·Ê^δ·N_act^(α + γ·ln Ê) + b·Ê^ω·D^(β + ζ·ln Ê) + c, 1/Ê = 1/(E − 1 + (1/E_start − 1/E_max)⁻¹) + 1/E_max.
 */
export const TABLE_3 = { a: 35.91, alpha: -0.1889, delta: -0.2285, gamma: 0.0098, b: 35.98, beta: -0.1775, omega: 0.5529, zeta: -0.0259, eStart: 2.0732, eMax: 290.4521, c: 1.3637 };

export function jointLossByHand(nAct: number, D: number, E: number, K: typeof TABLE_3 = TABLE_3): number {
  const eHat = 1 / (1 / (E - 1 + 1 / (1 / K.eStart - 1 / K.eMax)) + 1 / K.eMax);
  const l = Math.log(eHat);
  return K.a * eHat ** K.delta * nAct ** (K.alpha + K.gamma * l) + K.b * eHat ** K.omega * D ** (K.beta + K.zeta * l) + K.c;
}
