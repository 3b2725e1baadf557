/** Services of the project store. The store validates and names bad fields; these shape the answers, and check a coefficient set's values against its law (which the store does not know). */
import { databasePath, listBackups, restoreBackup, type CoefficientSetRow, type HardwareProfileRow, type ImportSource } from '../store';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { checkSnapshot } from '../reports/plan-snapshot';
import { prepareInWorker } from './import/prepare-in-worker';
import type { LawId } from '../engine/common/coefficients';
import { LAW_REGISTRY } from '../engine/laws';

const hardwareOut = (p: HardwareProfileRow) => ({
  id: p.id,
  name: p.name,
  deviceCount: p.deviceCount,
  memoryBytesPerDevice: p.memoryBytesPerDevice,
  peakFlopsPerDevice: p.peakFlopsPerDevice,
  defaultUtilization: p.defaultUtilization,
  pricePerDeviceHour: p.pricePerDeviceHour,
  powerWattsPerDevice: p.powerWattsPerDevice,
  source: p.source,
  seeded: p.seeded,
  userModified: p.userModified,
  contentHash: p.contentHash,
  updatedAt: p.updatedAt,
});

/** The one import path: the store's thread writes what the worker prepared, between other requests. */
async function importPrepared(source: ImportSource, ctx: ServiceContext) {
  const res = await ctx.store().importFrom(source, ctx.importOptions);
  return { project: res.project, renamedFrom: res.renamedFrom ?? null, scenarioIds: res.scenarioIds };
}

/**
 * projects.import from the browser mode's raw request body: its bytes go to the worker, which
 * parses and checks the request itself (ipc/check-request.ts), so the request thread never parses
 * a file of many megabytes. Run through dispatchChecked for the same envelopes as dispatch.
 */
export const importRequestBody = async (body: Uint8Array, ctx: ServiceContext) => importPrepared(await prepareInWorker({ body }), ctx);

/**
 * A set's values must be the ones its law reads (the names its coefficient readers take, in the
 * law registry): a typo or a missing value is refused here, at that value, rather than when a page
 * first uses the set.
 */
function checkLawValues(law: LawId, values: Readonly<Record<string, number>>): void {
  const known = LAW_REGISTRY.find((e) => e.description.id === law)!.coefficientKeys;
  const unknown = Object.keys(values).find((k) => !known.includes(k));
  if (unknown !== undefined) throw new ServiceError('invalid-request', `values.${unknown}: the ${law} law has no coefficient "${unknown}" (its sets take ${known.join(', ')})`, ['values', unknown]);
  const missing = known.filter((k) => !(k in values));
  if (missing.length) throw new ServiceError('invalid-request', `values: the ${law} law needs ${missing.join(', ')} as well`, ['values', missing[0]!]);
}

/** A coefficient set as the contract sends it (also used by fit.save). */
export const setOut = (s: CoefficientSetRow) => ({
  id: s.id,
  law: s.law,
  name: s.name,
  citation: s.citation,
  provenance: s.provenance,
  source: s.source,
  values: s.values,
  notes: s.notes,
  published: s.published,
  derivedFrom: s.derivedFrom,
  contentHash: s.contentHash,
  hasFitRecord: s.hasFitRecord,
  updatedAt: s.updatedAt,
});

/** Drops keys whose value is undefined, so optional request fields do not overwrite stored ones. */
function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'project';
}

export function storeStatus(ctx: ServiceContext) {
  const path = databasePath(ctx.dataDir);
  let backups: ReturnType<typeof listBackups> = [];
  try {
    backups = listBackups(ctx.dataDir);
  } catch {
    backups = [];
  }
  try {
    const store = ctx.store();
    return { ok: true, path, schemaVersion: store.schemaVersion, error: null, backups };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { ok: false, path, schemaVersion: null, error: { code: e.code ?? 'internal', message: e.message ?? String(err) }, backups };
  }
}

export const storeHandlers: Pick<
  Handlers,
  | 'store.status'
  | 'store.restoreBackup'
  | 'hardware.list'
  | 'hardware.save'
  | 'hardware.delete'
  | 'coefficients.list'
  | 'coefficients.get'
  | 'coefficients.create'
  | 'coefficients.duplicate'
  | 'coefficients.update'
  | 'coefficients.delete'
  | 'projects.list'
  | 'projects.create'
  | 'projects.update'
  | 'projects.duplicate'
  | 'projects.delete'
  | 'projects.restore'
  | 'projects.export'
  | 'projects.import'
  | 'scenarios.list'
  | 'scenarios.get'
  | 'scenarios.create'
  | 'scenarios.update'
  | 'scenarios.duplicate'
  | 'scenarios.delete'
  | 'scenarios.restore'
  | 'trash.empty'
> = {
  'store.status': (_r, ctx) => storeStatus(ctx),
  'store.restoreBackup': (r, ctx) => {
    // Only a backup the store itself listed may be restored: the page never names arbitrary files.
    const known = listBackups(ctx.dataDir).find((b) => b.path === r.backupPath);
    if (!known) throw new ServiceError('not-found', `"${r.backupPath}" is not one of this data folder's backups`, ['backupPath']);
    // this process's connection closes first (checkpointed, so nothing is only in the WAL); the store
    // refuses while any other process still has the file open; the next call reopens the restored file
    ctx.releaseStore?.();
    const res = restoreBackup(ctx.dataDir, known.path);
    return { restoredFrom: res.restoredFrom, damagedMovedTo: res.damagedMovedTo ?? null };
  },

  'hardware.list': (_r, ctx) => ({ profiles: ctx.store().hardware.list().map(hardwareOut) }),
  'hardware.save': (r, ctx) => {
    const { id, ...fields } = r;
    const repo = ctx.store().hardware;
    return hardwareOut(id && repo.find(id) ? repo.update(id, defined(fields)) : repo.create({ ...defined(fields), ...(id ? { id } : {}) }));
  },
  'hardware.delete': (r, ctx) => {
    ctx.store().hardware.delete(r.id);
    return { deleted: r.id };
  },

  'coefficients.list': (r, ctx) => ({ sets: ctx.store().coefficients.list(r.law ? { law: r.law } : {}).map(setOut) }),
  'coefficients.get': (r, ctx) => setOut(ctx.store().coefficients.get(r.id)),
  'coefficients.create': (r, ctx) => {
    checkLawValues(r.law, r.values);
    return setOut(ctx.store().coefficients.create(defined(r)));
  },
  'coefficients.duplicate': (r, ctx) => {
    const { id, ...opts } = r;
    if (opts.values) {
      const original = ctx.store().coefficients.get(id);
      checkLawValues(original.law, { ...original.values, ...opts.values });
    }
    return setOut(ctx.store().coefficients.duplicate(id, defined(opts)));
  },
  'coefficients.update': (r, ctx) => {
    const { id, ...patch } = r;
    if (patch.values) checkLawValues(ctx.store().coefficients.get(id).law, patch.values);
    return setOut(ctx.store().coefficients.update(id, defined(patch)));
  },
  'coefficients.delete': (r, ctx) => {
    ctx.store().coefficients.delete(r.id);
    return { deleted: r.id };
  },

  'projects.list': (r, ctx) => ctx.store().projects.list(defined(r)),
  'projects.create': (r, ctx) => ctx.store().projects.create(defined(r)),
  'projects.update': (r, ctx) => {
    const { id, ...patch } = r;
    return ctx.store().projects.update(id, defined(patch));
  },
  'projects.duplicate': (r, ctx) => ctx.store().projects.duplicate(r.id, defined({ name: r.name })),
  'projects.delete': (r, ctx) => ctx.store().projects.delete(r.id),
  'projects.restore': (r, ctx) => ctx.store().projects.restore(r.id),
  'projects.export': (r, ctx) => {
    const store = ctx.store();
    const project = store.projects.get(r.id);
    return { fileName: `${slug(project.name)}.moe-project.json`, document: store.exportProject(r.id) };
  },
  'projects.import': async (r, ctx) => importPrepared(await prepareInWorker(r.text !== undefined ? { text: r.text } : { document: r.document }), ctx),

  'scenarios.list': (r, ctx) => ctx.store().scenarios.list(defined(r)),
  'scenarios.get': (r, ctx) => {
    const s = ctx.store().scenarios.get(r.id);
    return { ...s, snapshot: checkSnapshot(s.results) };
  },
  'scenarios.create': (r, ctx) => ctx.store().scenarios.create(defined(r) as Parameters<ReturnType<ServiceContext['store']>['scenarios']['create']>[0]),
  'scenarios.update': (r, ctx) => {
    const { id, ...patch } = r;
    return ctx.store().scenarios.update(id, defined(patch));
  },
  'scenarios.duplicate': (r, ctx) => {
    const { id, ...opts } = r;
    return ctx.store().scenarios.duplicate(id, defined(opts));
  },
  'scenarios.delete': (r, ctx) => ctx.store().scenarios.delete(r.id),
  'scenarios.restore': (r, ctx) => ctx.store().scenarios.restore(r.id),
  'trash.empty': (r, ctx) => ctx.store().emptyTrash(defined(r)),
};
