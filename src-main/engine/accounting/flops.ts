/** Training cost 6·N_act·D (App. A.2, after Sardana et al. 2024); routing cost is neglected for E ≤ 32. */
export function trainingFlops(nAct: number, tokens: number): number {
  return 6 * nAct * tokens;
}

/** Inference cost 2·N_act·D_inf. */
export function inferenceFlops(nAct: number, inferenceTokens: number): number {
  return 2 * nAct * inferenceTokens;
}
