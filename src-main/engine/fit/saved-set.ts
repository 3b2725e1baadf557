/**
 * Which coefficient set a finished fit becomes, so that the wizards and explorers can use it.
 * Most fitted laws keep their own keys. The per-E form L = m·N^μ + n·D^ν + c (μ, ν < 0) is
 * Chinchilla's L = E + A/N^α + B/D^β with A = m, α = −μ, B = n, β = −ν, E = c, so it is saved
 * as a Chinchilla set, with N the active parameters of the runs' expert count. A dense-vs-MoE
 * fit is not saved: that law is calibrated per architecture (dense, or MoE at one E), which the
 * Baselines page takes from the fitted A, B, α, β, σ, γ directly.
 */
import type { LawId } from '../common/coefficients';
import type { FitLawId } from './types';
import { SAVABLE_FIT_LAW_IDS as SAVABLE_FITS } from '../ids';
import { significant as fmtSig } from '../../format';

export type SavedSetForm =
  | { savable: true; law: LawId; values: Record<string, number>; /** How the keys were mapped, when they were. */ mapping: string | null }
  | { savable: false; reason: string };

export const SAVABLE_FIT_LAW_IDS: readonly FitLawId[] = SAVABLE_FITS;

export function savedSetForm(law: FitLawId, coefficients: Readonly<Record<string, number>>): SavedSetForm {
  switch (law) {
    case 'chinchilla':
    case 'joint':
    case 'comprehensive':
      return { savable: true, law, values: { ...coefficients }, mapping: null };
    case 'per-e': {
      const { m, mu, n, nu, c } = coefficients;
      if ([m, mu, n, nu, c].some((v) => v === undefined || !Number.isFinite(v))) {
        return { savable: false, reason: 'the per-E fit lacks one of m, μ, n, ν, c' };
      }
      if (!(mu! < 0 && nu! < 0)) {
        return {
          savable: false,
          reason: `the fitted exponents μ = ${fmtSig(mu!, 4)} and ν = ${fmtSig(nu!, 4)} must both be negative for loss to fall with size and data (Chinchilla's α = −μ, β = −ν)`,
        };
      }
      return {
        savable: true,
        law: 'chinchilla',
        values: { A: m!, alpha: -mu!, B: n!, beta: -nu!, E: c! },
        mapping: 'Per-E fit L = m·N^μ + n·D^ν + c saved in Chinchilla form: A = m, α = −μ, B = n, β = −ν, E = c; N is the active parameter count at the runs\' expert count.',
      };
    }
    case 'dense-moe':
      return {
        savable: false,
        reason: 'a dense-vs-MoE fit calibrates that law per architecture; enter its A, B, α, β, σ (and γ, E for MoE) as a fit calibration on the Baselines page',
      };
  }
}

/**
 * A saved set's values in the fit's own coefficients, savedSetForm undone (a per-E fit saved in
 * Chinchilla form back to m, μ, n, ν, c): how a set's bootstrap replicates, kept in the set's
 * form, are read again beside the fit that made them.
 */
export function fitFormOf(law: FitLawId, values: Readonly<Record<string, number>>): Record<string, number> {
  if (law !== 'per-e') return { ...values };
  const { A, alpha, B, beta, E } = values;
  return { m: A!, mu: -alpha!, n: B!, nu: -beta!, c: E! };
}
