/**
 * A saved fitted set's fit record (schema/fit-record.ts): made by fit.save from the finished job,
 * and explained later — on screen and in the CLI (explain.figure on coefficients.get) and in a
 * report's appendix (services/reports.ts) — by the engine's fit explanation (engine/explain/fit.ts),
 * the one explain.figure gives a fit job or a fit.run answer, after the record is checked the way a
 * fit.run answer is (./check.ts). A record that does not hold together is refused, never explained.
 */
import { explainFit, type Explanation } from '../../engine/explain';
import { fitFormOf, savedSetForm } from '../../engine/fit';
import { fitPreset } from '../../ipc/contract/fit-presets';
import { FIT_RECORD_VERSION, isStoreError, type CoefficientSetRow, type FitRecord } from '../../store';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { agrees, checkFitResult, fitGrid } from './check';
import type { FitJob } from './jobs';
import { fitOptions, withPreset } from './source';

/** The record of a finished job, as fit.save stores it with the set. */
export function fitRecordOf(job: FitJob): FitRecord {
  const { preset: _named, ...settings } = withPreset(job.law, job.settings);
  const p = job.settings.preset !== undefined ? fitPreset(job.settings.preset) : undefined;
  const { curves: _drawn, ...result } = job.result!;
  return {
    version: FIT_RECORD_VERSION,
    law: job.law,
    fittedAt: (job.ended ?? new Date()).toISOString(),
    source: job.source,
    preset: p ? { id: p.id, name: p.name, citation: p.citation } : null,
    // only what was set: the record reads back through the same fitOptions
    settings: Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
    runs: [...job.options.runs],
    result,
  };
}

type Explained = { explanations: Explanation[]; note: string | null };

/** Why a set has no record to explain, in words. */
function noRecordReason(set: CoefficientSetRow): string {
  if (set.published) return 'it is published: its numbers are the paper’s, which its citation names';
  if (set.provenance === 'user-edited') return 'its values were typed or edited by hand, so no fit computed them';
  return 'it was saved before fits kept their record, or came from a file without one';
}

/**
 * The set's fit explained from its record: the fitted law at a run (`run`, default the largest
 * error), the objective and RMSEs from every run's residual, the intervals (when the set's
 * bootstrap replicates are the fit's), the procedure; each cited. The record must give the set's
 * values, and hold together as a fit.run answer must; otherwise a 'conflict' naming the field.
 */
export function explainRecord(set: CoefficientSetRow, record: FitRecord, replicates: ReadonlyArray<Record<string, number>> | null, run?: number): Explained {
  const refuse = (path: Array<string | number>, why: string): never => {
    throw new ServiceError('conflict', `The fit record of coefficient set “${set.name}” (${set.id}) does not hold together, so it is not explained: fit.${path.join('.')}: ${why}`, ['request', 'id']);
  };
  const form = savedSetForm(record.law, record.result.coefficients);
  if (!form.savable) return refuse(['result', 'coefficients'], form.reason);
  const keys = Object.keys(set.values).sort();
  const same = form.law === set.law && keys.join() === Object.keys(form.values).sort().join() && keys.every((k) => agrees(form.values[k]!, set.values[k]!));
  if (!same) refuse(['result', 'coefficients'], `the record's ${record.law} fit gives ${JSON.stringify(form.values)}, the set holds ${JSON.stringify(set.values)}`);
  const options = fitOptions(record.law, record.runs, record.settings);
  let prepared: ReturnType<typeof fitGrid>;
  try {
    prepared = fitGrid(options);
  } catch (err) {
    return refuse(['settings'], (err as Error).message);
  }
  checkFitResult({ options, prep: prepared.prep }, record.result, undefined, refuse);
  // The replicates are the set's own (kept in its form, dropped by a hand edit): they are the fit's when there are as many as its bootstrap kept.
  const kept = record.result.bootstrap ? record.result.bootstrap.samples - record.result.bootstrap.failed : 0;
  const fitReplicates = replicates && replicates.length === kept ? replicates.map((r) => fitFormOf(record.law, r)) : null;
  const x = explainFit(record.result, { runs: record.runs, grid: prepared.grid, replicates: fitReplicates, source: record.source, ...(run !== undefined ? { run } : {}) });
  const how = `Fitted ${record.fittedAt.slice(0, 10)} to ${record.source}${record.preset ? `, with the settings of ${record.preset.name} (${record.preset.citation})` : ''}; explained from the fit record saved with the set, checked against its runs and values.`;
  const missing = kept > 0 && !fitReplicates ? `The fit kept ${kept} bootstrap replicates, but the set holds ${replicates?.length ?? 0} (they are not copied with a set), so its intervals are not written out.` : null;
  return { explanations: x.explanations, note: [how, missing ?? (kept > 0 ? null : x.note)].filter(Boolean).join(' ') };
}

/** explain.figure on coefficients.get: the saved set's fit, or why it has none (refused at request.id). */
export function explainSavedFit(ctx: ServiceContext, setId: string, run?: number): Explained {
  const set = ctx.store().coefficients.find(setId);
  if (!set) throw new ServiceError('not-found', `request.id: no coefficient set with id "${setId}"`, ['request', 'id']);
  return explainSetRow(ctx, set, run);
}

/** The set's fit, from the row already looked up (a report holds it): its record read once, or why it has none. */
function explainSetRow(ctx: ServiceContext, set: CoefficientSetRow, run?: number): Explained {
  const store = ctx.store();
  if (!set.hasFitRecord) throw new ServiceError('not-found', `request.id: coefficient set “${set.name}” (${set.id}) has no fit record to explain: ${noRecordReason(set)}`, ['request', 'id']);
  let record: FitRecord | null;
  try {
    record = store.fitRecords.find(set.id);
  } catch (err) {
    if (isStoreError(err)) throw new ServiceError('conflict', err.message, ['request', 'id']);
    throw err;
  }
  return explainRecord(set, record!, store.coefficients.replicates(set.id), run);
}

/**
 * For a report: each fitted set's explanation by id, or a note why it is not explained (a record
 * refused); null for a set with no record (published, hand-made, gone).
 */
export function savedFitExplainer(ctx: ServiceContext): (setId: string) => { name: string; explained: Explained } | null {
  return (setId) => {
    const store = ctx.store();
    const set = store.coefficients.find(setId);
    if (!set?.hasFitRecord) return null;
    try {
      return { name: set.name, explained: explainSetRow(ctx, set) };
    } catch (err) {
      if (err instanceof ServiceError) return { name: set.name, explained: { explanations: [], note: err.message } };
      throw err;
    }
  };
}
