/**
 * A scenario's saved results, in every shape a released version of the app saved them. The store
 * keeps results as plain JSON written by whichever wizard saved them, possibly years ago, so a
 * report reads them here: each kind lists its versions newest first, each with the schema that
 * version wrote and how to bring it to the current shape. A snapshot that fits no version is not
 * cast through: the answer names the first field that does not fit.
 *
 * Add a version when a kind's result gains a required field (the old schema then declares the
 * field absent, so a damaged new snapshot is not mistaken for an old one) and upgrade old
 * snapshots by filling it in the way the app treats a missing value.
 */
import { z } from 'zod';
import { architectureResultSchema, type ArchitectureResult } from './architecture';
import { flagSchema, type Flag } from './flags';
import { architecturePlanSchema, leverageResultSchema, type LeverageResult } from './leverage';
import { nextRunProposalSchema, type NextRunProposalData } from './next-run';
import { DESIGN_PROBLEMS, planBandSchema, planSchema, type Plan } from './plan';
import { provenanceSchema, type ProvenanceInfo } from './provenance';
import { targetResponseSchema, type TargetResult } from './target';
import { readVersioned, type SavedVersion } from './versions';

type SnapshotVersion<T> = SavedVersion<T>;

const absent = z.never().optional();
const same = <T>(v: T): T => v;

/** A leverage scenario may also hold the allocation it was shown with; a damaged one is recomputed rather than refused. */
const leverageSnapshotSchema = leverageResultSchema.extend({
  allocation: z.object({ dense: architecturePlanSchema, moe: architecturePlanSchema }).optional().catch(undefined),
});
export type LeverageSnapshot = LeverageResult & { allocation?: z.infer<typeof leverageSnapshotSchema>['allocation'] };

/** Plans saved before the KV-cache layout could be chosen counted multi-head attention. */
const SAVED_AS_MHA = {
  cacheLayout: { kind: 'mha' },
  cacheLayoutNote: 'Saved before the KV-cache layout could be chosen: the KV-cache figures use multi-head attention, the joint law’s convention.',
} as const satisfies Pick<Plan, 'cacheLayout' | 'cacheLayoutNote'>;

/** A band saved before bands kept their refits' winners: nothing to explain it from without re-solving every replicate. */
const bandBeforeWinners = planBandSchema.extend({ winners: absent, refits: absent });
type BandBeforeWinners = Omit<NonNullable<Plan['uncertainty']>, 'winners' | 'refits'>;
const withoutWinners = { uncertainty: bandBeforeWinners.nullable().optional() };
const upgradeBand = (u: BandBeforeWinners | null | undefined): Plan['uncertainty'] => (u ? { ...u, winners: null, refits: null } : u);

export const SNAPSHOT_VERSIONS = {
  plan: [
    { version: 4, savedBy: 'since 2026-12-02: a bootstrap band keeps each refit’s best design (uncertainty.winners, uncertainty.refits)', schema: planSchema, upgrade: same },
    {
      version: 3,
      savedBy: 'since 2026-12-01 15:45: the KV cache’s attention layout (cacheLayout, cacheLayoutNote); a band without its refits’ winners',
      schema: planSchema.extend(withoutWinners),
      upgrade: (p: Omit<Plan, 'uncertainty'> & { uncertainty?: BandBeforeWinners | null }): Plan => ({ ...p, uncertainty: upgradeBand(p.uncertainty) }),
    },
    {
      version: 2,
      savedBy: 'since 2026-12-01: the best design priced on a hardware profile (timeCost); KV cache always MHA',
      schema: planSchema.extend({ cacheLayout: absent, cacheLayoutNote: absent, ...withoutWinners }),
      upgrade: (p: Omit<Plan, 'cacheLayout' | 'cacheLayoutNote' | 'uncertainty'> & { uncertainty?: BandBeforeWinners | null }): Plan => ({ ...p, ...SAVED_AS_MHA, uncertainty: upgradeBand(p.uncertainty) }),
    },
    {
      version: 1,
      savedBy: 'releases up to 2de47c7 (2026-11-23): no timeCost; KV cache always MHA',
      schema: planSchema.extend({ timeCost: absent, cacheLayout: absent, cacheLayoutNote: absent, ...withoutWinners }),
      upgrade: (p: Omit<Plan, 'timeCost' | 'cacheLayout' | 'cacheLayoutNote' | 'uncertainty'> & { uncertainty?: BandBeforeWinners | null }): Plan => ({ ...p, timeCost: null, ...SAVED_AS_MHA, uncertainty: upgradeBand(p.uncertainty) }),
    },
  ] satisfies Array<SnapshotVersion<Plan>>,
  leverage: [{ version: 1, savedBy: 'every release', schema: leverageSnapshotSchema, upgrade: same }] satisfies Array<SnapshotVersion<LeverageSnapshot>>,
  architecture: [{ version: 1, savedBy: 'every release', schema: architectureResultSchema, upgrade: same }] satisfies Array<SnapshotVersion<ArchitectureResult>>,
  target: [
    { version: 2, savedBy: 'since 2026-12-01 13:24: every law’s loss at the winning design (lawsAtWinner)', schema: targetResponseSchema, upgrade: same },
    {
      version: 1,
      savedBy: 'the first target scenarios (69ce626): no lawsAtWinner',
      schema: targetResponseSchema.extend({ lawsAtWinner: absent }),
      upgrade: (t: Omit<TargetResult, 'lawsAtWinner'>): TargetResult => ({ ...t, lawsAtWinner: null }),
    },
  ] satisfies Array<SnapshotVersion<TargetResult>>,
  'next-run': [
    { version: 2, savedBy: 'since 3ca907b (2026-12-01): the inputs it answered (inputs)', schema: nextRunProposalSchema, upgrade: same },
    {
      version: 1,
      savedBy: 'the first next-run scenarios (56e5fcf): no inputs',
      schema: nextRunProposalSchema.extend({ inputs: absent }),
      upgrade: (p: Omit<NextRunProposalData, 'inputs'>): NextRunSnapshot => ({ ...p, inputs: null }),
    },
  ] satisfies Array<SnapshotVersion<NextRunSnapshot>>,
};

/** A next-run proposal as a report reads it: the first ones saved did not echo their inputs. */
export type NextRunSnapshot = Omit<NextRunProposalData, 'inputs'> & { inputs: NextRunProposalData['inputs'] | null };

export type SnapshotKind = keyof typeof SNAPSHOT_VERSIONS;
export const SNAPSHOT_KINDS = Object.keys(SNAPSHOT_VERSIONS) as [SnapshotKind, ...SnapshotKind[]];

/**
 * What a reader of a saved scenario learns of its results without reading them itself (the
 * renderer has no zod): the kind they claim to be and the version they fit, or the field that
 * fits none, or (kind null) that no kind claims them; null for a scenario saved without results.
 */
export const snapshotCheckSchema = z
  .discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), kind: z.enum(SNAPSHOT_KINDS), version: z.number().int() }),
    z.object({ ok: z.literal(false), kind: z.enum(SNAPSHOT_KINDS).nullable(), problem: z.string() }),
  ])
  .nullable();
export type SnapshotCheck = z.infer<typeof snapshotCheckSchema>;
export interface SnapshotValue {
  plan: Plan;
  leverage: LeverageSnapshot;
  architecture: ArchitectureResult;
  target: TargetResult;
  'next-run': NextRunSnapshot;
}

export type SnapshotRead<K extends SnapshotKind = SnapshotKind> =
  | { ok: true; kind: K; version: number; value: SnapshotValue[K] }
  /** The snapshot looks like this kind but fits none of its versions; `problem` names the field. */
  | { ok: false; kind: K; problem: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Which kind a snapshot claims to be, from the fields that tell the kinds apart (not the whole
 * shape, so a damaged snapshot is still recognised and its problem reported); null for results
 * no report lays out (a later wizard's, or free-form ones).
 */
export function snapshotKind(results: unknown): SnapshotKind | null {
  if (!isObj(results)) return null;
  if ((DESIGN_PROBLEMS as readonly unknown[]).includes(results.problem) && 'candidates' in results) return 'plan';
  if (isObj(results.goal) && 'laws' in results) return 'target';
  if ((results.quantity === 'loss' || results.quantity === 'nAct') && 'runs' in results && 'bootstrapBand' in results) return 'next-run';
  const law = isObj(results.provenance) && isObj(results.provenance.law) ? results.provenance.law.id : undefined;
  if (law === 'leverage' && 'el' in results) return 'leverage';
  if (law === 'comprehensive' && 'threshold' in results && 'total' in results) return 'architecture';
  return null;
}

/** Reads results as the given kind: the newest version they fit, brought to the current shape. */
export function readSnapshotAs<K extends SnapshotKind>(kind: K, results: unknown): SnapshotRead<K> {
  const read = readVersioned(SNAPSHOT_VERSIONS[kind] as Array<SnapshotVersion<SnapshotValue[K]>>, results, 'the snapshot itself');
  return read.ok ? { ...read, kind } : { ok: false, kind, problem: read.problem };
}

/** Reads results as whatever kind they claim to be; null when they claim none. */
export function readSnapshot(results: unknown): SnapshotRead | null {
  const kind = snapshotKind(results);
  return kind ? readSnapshotAs(kind, results) : null;
}

/** Provenance of any snapshot that carries one (every law result does). */
export function readProvenance(results: unknown): ProvenanceInfo | null {
  const p = isObj(results) ? provenanceSchema.safeParse(results.provenance) : null;
  return p?.success ? p.data : null;
}

/**
 * Flags of any snapshot: its own and its best design's, without repeats. Read flag by flag, so
 * one damaged flag drops out instead of hiding the rest.
 */
export function readFlags(results: unknown): Flag[] {
  if (!isObj(results)) return [];
  const out: Flag[] = [];
  const seen = new Set<string>();
  const add = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const f of list) {
      const parsed = flagSchema.safeParse(f);
      if (!parsed.success || seen.has(parsed.data.message)) continue;
      seen.add(parsed.data.message);
      out.push(parsed.data);
    }
  };
  add(results.flags);
  if (isObj(results.best)) add(results.best.flags);
  return out;
}

/** A value a report can show as it is. */
const scalarSchema = z.union([z.number(), z.string(), z.boolean()]);
export type Scalar = z.infer<typeof scalarSchema>;
const recordSchema = z.record(z.string(), z.unknown());

/**
 * The top-level numbers, words and yes/no values of results or inputs no report lays out (a later
 * wizard's, or free-form ones), key by key: anything else (a nested object, a list) is left out.
 */
export function readScalars(value: unknown): Array<[string, Scalar]> {
  const record = recordSchema.safeParse(value);
  if (!record.success) return [];
  return Object.entries(record.data).flatMap(([key, v]) => {
    const scalar = scalarSchema.safeParse(v);
    return scalar.success ? [[key, scalar.data] as [string, Scalar]] : [];
  });
}
