/** What the band worker is given and gives back (structured-clone safe: the engine's plain data). */
import type { CoefficientSet } from '../../engine/common/coefficients';
import type { PlanResult } from '../../engine/joint';
import type { TargetOptions, TargetResult } from '../../engine/target';
import type { PlanBand } from '../../engine/uncertainty';

export type BandWorkerInput =
  | { of: 'forward'; replicates: CoefficientSet[]; plan: PlanResult }
  | { of: 'target'; options: Omit<TargetOptions, 'onBootstrapProgress'> };

export type BandWorkerOutput = { of: 'forward'; band: PlanBand | null } | { of: 'target'; result: TargetResult };

/** Replicates re-solved so far. */
export interface BandProgress {
  done: number;
  total: number;
}
