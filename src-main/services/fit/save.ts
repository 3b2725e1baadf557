/**
 * Saving a finished fit as a user coefficient set, with its runs, settings, time and RMSEs in
 * the set's provenance, its bootstrap replicates, and its fit record (./record.ts).
 */
import { savedSetForm } from '../../engine/fit';
import { PUBLISHED_SETS } from '../../engine/common/coefficients';
import type { ParsedRequestOf, ResponseOf } from '../../ipc/contract';
import type { FitResultData } from '../../ipc/contract/fit';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { setOut } from '../store';
import type { FitJob } from './jobs';
import { fitRecordOf } from './record';
import { withPreset } from './source';
import * as fmt from '../../format';
import { significant as fmtSig } from '../../format';

function settingsText(job: FitJob, r: FitResultData): string {
  // The settings the fit ran with: a preset's under the ones typed beside it (the request alone said "dropped the 0 highest-loss
  // runs" for the Chinchilla replication preset, which drops 5, two sentences before "5 dropped").
  const s = withPreset(job.law, job.settings);
  return [
    `Huber δ = ${r.delta}`,
    `dropped the ${s.dropHighest ?? 0} highest-loss runs`,
    s.holdoutLowest ? `held out the ${s.holdoutLowest} lowest-loss runs` : 'no held-out runs',
    s.bootstrap ? `${s.bootstrap} bootstrap replicates (seed ${s.bootstrapSeed ?? 1})` : 'no bootstrap',
    `${fmt.whole(r.starts)} grid starts${s.grid ? ' (edited grid)' : " (the law's default grid)"}`,
    s.downweightOutliers ? `outliers down-weighted beyond ${s.outlierThreshold ?? 3} robust SD` : 'no outlier down-weighting',
  ].join('; ');
}

export function saveFit(job: FitJob, req: ParsedRequestOf<'fit.save'>, ctx: ServiceContext): ResponseOf<'fit.save'> {
  if (job.state !== 'done' || !job.result) throw new ServiceError('conflict', `Fit job "${job.id}" is ${job.state}; only a finished fit can be saved`, ['jobId']);
  const r = job.result;
  const form = savedSetForm(job.law, r.coefficients);
  if (!form.savable) throw new ServiceError('invalid-request', `This ${job.law} fit cannot be saved as a coefficient set: ${form.reason}`, ['jobId']);
  const law = form.law;
  const expected = PUBLISHED_SETS.find((s) => s.law === law);
  if (expected) {
    const want = Object.keys(expected.values).sort().join(',');
    const have = Object.keys(form.values).sort().join(',');
    if (want !== have) throw new ServiceError('internal', `The ${job.law} fit's coefficients (${have}) do not match the ${law} law's coefficient-set keys (${want})`);
  }
  const when = (job.ended ?? new Date()).toISOString();
  const d = job.sourceDetail;
  const runsText = d.kind === 'project' ? `${d.runs} runs of project "${d.projectName}" (${d.projectId})` : `${d.runs} runs from ${d.fileName ? `file ${d.fileName}` : 'pasted CSV text'}`;
  const rmse = `RMSE of ln L: train ${fmtSig(r.rmseTrain, 4)}${r.rmseHoldout !== null ? `, held-out ${fmtSig(r.rmseHoldout, 4)}` : ''}; max error ${fmtSig(r.maxError, 4)}`;
  const intervals = r.intervals
    ? `\nBootstrap ${Math.round((r.bootstrap?.confidence ?? 0.95) * 100)}% intervals: ` +
      r.coefficientOrder.map((k) => `${k} [${fmtSig(r.intervals![k]?.lower, 4)}, ${fmtSig(r.intervals![k]?.upper, 4)}]`).join(', ')
    : '';
  // Each replicate in the set's own form, so a plan can re-solve with it exactly as with the set.
  const replicates = (job.replicates ?? []).map((c) => savedSetForm(job.law, c)).flatMap((f) => (f.savable ? [f.values] : []));
  // With its replicates and its fit record (how the values were computed: ./record.ts), all or nothing.
  const row = ctx.store().coefficients.createFit({
    law,
    name: req.name,
    values: form.values,
    provenance: 'user-fit',
    citation: `User fit, ${when.slice(0, 10)}`,
    source: `Fitted on ${fmt.dateTime(when)} to ${runsText} (${r.counts.train} trained on, ${r.counts.holdout} held out, ${r.counts.dropped} dropped).`,
    notes: `${form.mapping ? `${form.mapping}${job.settings.experts !== undefined ? ` Fitted at E = ${job.settings.experts}.` : ''}\n` : ''}Settings: ${settingsText(job, r)}.\n${rmse}.\nFit took ${fmt.seconds(r.seconds)}.${intervals}`,
  }, { replicates, record: fitRecordOf(job) });
  job.savedSetId = row.id;
  return setOut(row);
}
