/**
 * Resolves which coefficient set a request means and describes where its numbers come from.
 * Published sets are served from the engine's seed (no database needed); anything else is
 * looked up in the store, so a user's fitted set works in every wizard.
 */
import { PUBLISHED_SETS, type CoefficientSet, type LawId } from '../engine/common/coefficients';
import { LAW_REGISTRY } from '../engine/laws';
import type { ProvenanceInfo } from '../ipc/contract/common';
import { isStoreError } from '../store';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';

export const DEFAULT_SET_BY_LAW: Record<LawId, string> = {
  joint: 'ludziejewski2025-joint',
  leverage: 'tian2025-leverage',
  comprehensive: 'moe-comprehensive-2025',
  'dense-moe': 'wang2024-dense-moe',
  // Epoch AI's replication: Hoffmann's own Approach 3 constants disagree with their Approaches 1–2 by 2× in N.
  chinchilla: 'besiroglu2024',
};

export interface ResolvedSet {
  set: CoefficientSet;
  provenance: ProvenanceInfo;
}

export function resolveCoefficientSet(ctx: ServiceContext, law: LawId, id: string | undefined, field = 'coefficientSetId'): ResolvedSet {
  const wanted = id ?? DEFAULT_SET_BY_LAW[law];
  let set: CoefficientSet | undefined = PUBLISHED_SETS.find((s) => s.id === wanted);
  let provenanceKind: ProvenanceInfo['coefficientSet']['provenance'] | undefined = set?.provenance;
  if (!set) {
    try {
      const row = ctx.store().coefficients.find(wanted);
      if (row) {
        set = { id: row.id, law: row.law, name: row.name, citation: row.citation, provenance: row.provenance === 'user-edited' ? 'user-fit' : row.provenance, source: row.source, values: row.values, notes: row.notes };
        provenanceKind = row.provenance;
      }
    } catch (err) {
      if (!(err instanceof ServiceError) && !isStoreError(err)) throw err;
      throw new ServiceError('not-found', `Coefficient set "${wanted}" is not a published set and the project store is unavailable: ${(err as Error).message}`, [field]);
    }
  }
  if (!set) throw new ServiceError('not-found', `No coefficient set "${wanted}"`, [field]);
  if (set.law !== law) {
    throw new ServiceError('invalid-request', `Coefficient set "${wanted}" is for the ${set.law} law, not the ${law} law`, [field]);
  }
  return { set, provenance: { law: lawInfo(law), coefficientSet: { id: set.id, name: set.name, citation: set.citation, provenance: provenanceKind ?? set.provenance } } };
}

export function lawInfo(law: LawId): ProvenanceInfo['law'] {
  const entry = LAW_REGISTRY.find((l) => l.description.id === law);
  if (!entry) throw new Error(`Law "${law}" has no description in the registry`);
  return { id: entry.description.id, name: entry.description.name, citation: entry.description.citation };
}
