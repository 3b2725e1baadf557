/**
 * A saved next-run proposal (a 'next-run' scenario holding the nextRun.propose response) in the
 * reports: read through its versioned snapshot schema like the other snapshots, laid out on the PDF page (the answer, the
 * runs, the band before and after, the method and the citations) and as raw CSV rows.
 */
import { count, flops, significant } from '../format';
import type { TargetWriter } from './target-report';
import { readSnapshotAs, type NextRunSnapshot } from '../schema/snapshots';

type Band = NextRunSnapshot['bootstrapBand'];
export type { NextRunSnapshot };

/** The proposal in its current shape, every field checked (schema/snapshots.ts), or null when the results are not one or are damaged. */
export function readNextRun(results: unknown): NextRunSnapshot | null {
  const r = readSnapshotAs('next-run', results);
  return r.ok ? r.value : null;
}

function bandText(p: NextRunSnapshot, b: Band): string {
  return p.quantity === 'loss' ? `${significant(b.low, 4)} – ${significant(b.high, 4)} nats/token` : `${count(b.low)} – ${count(b.high)} params`;
}

export function nextRunSections(w: TargetWriter, p: NextRunSnapshot): void {
  w.heading('Answer', 3);
  w.para(p.answer, { bold: true, size: 9.5 });
  const what = p.quantity === 'loss' ? 'loss' : 'N_act';
  w.heading(`Proposed runs on ${p.hardware.name} (${significant(p.gpuHours, 3)} of ${significant(p.gpuHoursAllowance, 3)} GPU-hours)`, 3);
  const fixed = [28, 70, 70, 30, 70, 70];
  w.table(
    [
      { header: 'Run', width: fixed[0]! },
      { header: 'N_act (params)', width: fixed[1]!, align: 'right' },
      { header: 'Tokens', width: fixed[2]!, align: 'right' },
      { header: 'E', width: fixed[3]!, align: 'right' },
      { header: 'GPU-hours', width: fixed[4]!, align: 'right' },
      { header: 'Predicted loss (nats/token)', width: fixed[5]!, align: 'right' },
      { header: `Band of the ${what} after (90 %, linearised)`, width: w.width - fixed.reduce((a, b) => a + b, 0) },
    ],
    p.runs.map((r, i) => [String(i + 1), count(r.nAct), count(r.tokens), String(r.experts), significant(r.gpuHours, 3), significant(r.predictedLoss, 4), bandText(p, r.bandAfter)]),
    { size: 7.5 },
  );
  w.heading(`90 % band of the recommendation's ${what} at ${flops(p.targetFlops)} FLOPs`, 3);
  w.table(
    [
      { header: 'Measured by', width: 160 },
      { header: 'Before', width: (w.width - 160) / 2 },
      { header: 'After the proposed runs', width: (w.width - 160) / 2 },
    ],
    [
      ['Bootstrap replicates of the fit (now)', bandText(p, p.bootstrapBand), '—'],
      ['Linearised law', bandText(p, p.predicted.before), bandText(p, p.predicted.after)],
      ...(p.simulated ? [[`${p.simulated.worlds} simulated refits`, bandText(p, p.simulated.before), bandText(p, p.simulated.after)]] : []),
    ],
    { size: 7.5 },
  );
  w.heading('Method and sources', 3);
  w.bullets([
    p.method,
    `Law: ${p.provenance.law.name} — ${p.provenance.law.citation}`,
    `Coefficients: ${p.provenance.coefficientSet.name} [${p.provenance.coefficientSet.id}] — ${p.provenance.coefficientSet.citation}`,
    ...p.flags.map((f) => f.message),
  ]);
}

export const NEXT_RUN_CSV_HEADER = ['run', 'nAct (parameters)', 'tokens (tokens)', 'experts (experts)', 'flops (FLOPs)', 'gpuHours (GPU-hours)', 'predictedLoss (nats/token)', 'bandAfterLow', 'bandAfterHigh', 'bandQuantity'];

/** A row per proposed run, raw numbers; the band's unit is its quantity's (nats/token or parameters). */
export function nextRunCsvRows(p: NextRunSnapshot): Array<Array<string | number>> {
  return p.runs.map((r, i) => [i + 1, r.nAct, r.tokens, r.experts, r.flops, r.gpuHours, r.predictedLoss, r.bandAfter.low, r.bandAfter.high, p.quantity === 'loss' ? 'loss (nats/token)' : 'nAct (parameters)']);
}
