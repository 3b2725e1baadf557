/**
 * Saved results of the two wizards that are not joint-law plans, read defensively like plans
 * (plan-snapshot.ts), and the tables and curves a report derives from them with the engine:
 *
 * - 'leverage': the 'law.leverage' response (Tian et al., arXiv:2507.17702). The report adds
 *   the compute-optimal allocation and hyper-parameters at the scenario's budget
 *   (leverageAllocation) and EL against the activation ratio at its G and C
 *   (efficiencyLeverage over a range of A).
 * - 'architecture': the 'optimum.comprehensive' response (arXiv:2509.23678). The report adds
 *   the loss of the design checked in the wizard, the loss at both optimal activation ratios,
 *   and loss against N_a/N at G_opt and S_opt (activeRatioLossCurve).
 *
 * Derived figures are recomputed only when the saved results lack them, with the coefficient
 * set the results name (as it is now), and are marked as recomputed wherever they are shown.
 */
import type { CoefficientSet, LawId } from '../engine/common/coefficients';
import { PUBLISHED_SETS } from '../engine/common/coefficients';
import type { ResultFlag } from '../engine/common/flags';
import { efficiencyLeverage, leverageAllocation, type ArchitecturePlan } from '../engine/leverage';
import { activeRatioLossCurve, comprehensiveLoss } from '../engine/comprehensive';
import type { ArchitectureResult } from '../schema/architecture';
import { readInputs, type ArchitectureInputs } from '../schema/scenario-inputs';
import { readSnapshotAs, type LeverageSnapshot } from '../schema/snapshots';
import type { SnapshotProvenance } from './plan-snapshot';

export type { LeverageSnapshot };
export type ArchitectureSnapshot = ArchitectureResult;

/** Finds a coefficient set by id (published or the user's); null when it no longer exists. */
export type SetResolver = (id: string) => CoefficientSet | null;

export const publishedSetResolver: SetResolver = (id) => PUBLISHED_SETS.find((s) => s.id === id) ?? null;

// ---- Leverage -------------------------------------------------------------------------------

/** A saved leverage result (every field checked), or null when the snapshot is not one. */
export function readLeverage(results: unknown): LeverageSnapshot | null {
  const r = readSnapshotAs('leverage', results);
  return r.ok ? r.value : null;
}

export interface LeverageAllocationTable {
  dense: ArchitecturePlan;
  moe: ArchitecturePlan;
  /** 'saved' when the snapshot held it, else recomputed with the named set. */
  source: 'saved' | 'recomputed';
}

export interface LeverageDerived {
  allocation: LeverageAllocationTable | null;
  /** EL over activation ratios at the scenario's G and C (always recomputed: no snapshot holds it). */
  curve: Array<{ activation: number; el: number }>;
  /** The coefficient set used to recompute, or null when it could not be found. */
  set: CoefficientSet | null;
  /** Why nothing could be recomputed, when it could not. */
  missing: string | null;
  flags: ResultFlag[];
}

function resolveFor(law: LawId, p: SnapshotProvenance, resolve: SetResolver): { set: CoefficientSet | null; missing: string | null } {
  let set: CoefficientSet | null = null;
  try {
    set = resolve(p.coefficientSet.id);
  } catch {
    set = null;
  }
  if (!set) return { set: null, missing: `coefficient set “${p.coefficientSet.id}” is no longer available` };
  if (set.law !== law) return { set: null, missing: `coefficient set “${set.id}” is for the ${set.law} law` };
  return { set, missing: null };
}

/** Activation ratios for the EL curve: log-spaced from 10⁻³, below the fitted minimum (or half the design's A), to 1. */
export function leverageCurveActivations(activation: number, points = 49): number[] {
  const lo = Math.min(1e-3, activation / 2);
  const out = Array.from({ length: points }, (_, i) => (i === points - 1 ? 1 : lo * Math.pow(1 / lo, i / (points - 1))));
  return out;
}

export function deriveLeverage(snap: LeverageSnapshot, resolve: SetResolver): LeverageDerived {
  const saved = snap.allocation ?? null;
  const { set, missing } = resolveFor('leverage', snap.provenance, resolve);
  let allocation: LeverageAllocationTable | null = saved ? { dense: saved.dense, moe: saved.moe, source: 'saved' } : null;
  let curve: LeverageDerived['curve'] = [];
  const flags: ResultFlag[] = [];
  if (set) {
    if (!allocation) {
      const a = leverageAllocation(snap.flops, set);
      allocation = { dense: a.dense, moe: a.moe, source: 'recomputed' };
      flags.push(...a.flags);
    }
    curve = leverageCurveActivations(snap.activation).map((activation) => ({
      activation,
      el: efficiencyLeverage({ activation, granularity: snap.granularity, flops: snap.flops }, set).el,
    }));
  }
  return { allocation, curve, set, missing, flags };
}

// ---- Architecture (comprehensive law) -------------------------------------------------------

/** A saved architecture result (every field checked), or null when the snapshot is not one. */
export function readArchitecture(results: unknown): ArchitectureSnapshot | null {
  const r = readSnapshotAs('architecture', results);
  return r.ok ? r.value : null;
}

/** The design checked in the wizard (ArchitectureInputs), when the saved inputs hold it. */
export type CheckedDesign = Pick<ArchitectureInputs, 'tokens' | 'active' | 'activeExperts' | 'sharedRatio'>;

/** Empty when the saved inputs fit no version of the Architecture page's (schema/scenario-inputs.ts). */
export function readCheckedDesign(inputs: unknown): Partial<CheckedDesign> {
  const read = readInputs('architecture', inputs);
  if (!read.ok) return {};
  const { tokens, active, activeExperts, sharedRatio } = read.value;
  return { tokens, active, activeExperts, sharedRatio };
}

export interface ArchitectureDerived {
  /** Loss of the checked design (N, D, N_a, G, S from the inputs). */
  checked: { loss: number; activeRatio: number } | null;
  /** Loss at the theoretical and the efficiency-aware N_a/N, at G_opt, S_opt and the inputs' D. */
  lossAtOptimum: number | null;
  lossAtEfficient: number | null;
  /** Loss against N_a/N at G_opt, S_opt. */
  curve: Array<{ activeRatio: number; loss: number }>;
  set: CoefficientSet | null;
  missing: string | null;
  flags: ResultFlag[];
}

/** N_a/N axis of the curve: log-spaced from 1% to 100%, like the wizard's. */
export const ACTIVE_RATIOS = Array.from({ length: 61 }, (_, i) => (i === 60 ? 1 : Math.pow(10, -2 + (2 * i) / 60)));

export function deriveArchitecture(snap: ArchitectureSnapshot, inputs: unknown, resolve: SetResolver): ArchitectureDerived {
  const out: ArchitectureDerived = { checked: null, lossAtOptimum: null, lossAtEfficient: null, curve: [], set: null, missing: null, flags: [] };
  const { set, missing } = resolveFor('comprehensive', snap.provenance, resolve);
  out.set = set;
  out.missing = missing;
  const design = readCheckedDesign(inputs);
  if (!set) return out;
  if (design.tokens === undefined) {
    out.missing = 'the saved inputs do not hold the training tokens D';
    return out;
  }
  const N = snap.total;
  const D = design.tokens;
  const safe = <T>(f: () => T): T | null => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  if (design.active !== undefined && design.activeExperts !== undefined && design.sharedRatio !== undefined) {
    const d = { total: N, tokens: D, active: design.active, activeExperts: design.activeExperts, sharedRatio: design.sharedRatio };
    const r = safe(() => comprehensiveLoss(d, set));
    if (r) {
      out.checked = { loss: r.loss, activeRatio: d.active / N };
      out.flags.push(...r.flags.map((f) => ({ ...f, message: `Checked design: ${f.message}` })));
    }
  }
  if (snap.feasible) {
    const at = (ratio: number) => safe(() => comprehensiveLoss({ total: N, tokens: D, active: ratio * N, activeExperts: snap.activeExperts, sharedRatio: snap.sharedRatio }, set).loss);
    out.lossAtOptimum = at(snap.activeRatio);
    out.lossAtEfficient = at(snap.activeRatioEfficient);
    const c = safe(() => activeRatioLossCurve({ total: N, tokens: D, activeRatios: ACTIVE_RATIOS, activeExperts: snap.activeExperts, sharedRatio: snap.sharedRatio }, set));
    if (c) out.curve = c.activeRatios.map((activeRatio, i) => ({ activeRatio, loss: c.loss[i]! }));
  }
  return out;
}

// ---- Notes the reports print ----------------------------------------------------------------

export const LEVERAGE_NOTES = [
  'EL(A, G, C) = Â^(α + γ·(log₂ G)² + β·log₂ G) with α = a + d·log₁₀ C (Tian et al., Eq. 13). The paper prints no log bases: log₂ for the granularity G and log₁₀ for the compute C (FLOPs) are the ones that reproduce its stated results, and the table’s negative d is the one that works.',
  'A = (E_a + E_s)/(E + E_s) counts activated (routed + shared) experts over all experts; G = 2·d_model/d_expert; S = E_s/(E_a + E_s) is not in the EL formula (one shared expert is the practical choice).',
  'C is training compute in non-embedding FLOPs, C = M·D with M the non-embedding FLOPs per token counting only activated experts. EL is C_dense/C_MoE: the dense compute reaching the MoE’s loss is EL·C.',
  'The allocation (Table 1) and learning-rate and batch laws (Eq. 3) are power laws in C; the hyper-parameter laws were fitted on 64 experts, 4 active + 1 shared.',
];

export const ARCHITECTURE_NOTES = [
  'L = (e·G + f/G + m·S² + n·S)·(1/N^α + k/N_a^α + h·N_a/N) + a/N^α + b/D^β + c/N_a^α + ε. Here G counts activated experts per token (shared + routed), not the EL law’s granularity.',
  'G_opt = √(f/e) and S_opt = −n/(2m) do not depend on N or D; the theoretical N_a/N sets ∂L/∂N_a = 0, and the efficiency-aware N_a/N stops where one more percentage point of N_a/N saves less loss than τ (nats per token per percentage point).',
];
