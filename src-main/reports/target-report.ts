/**
 * The report page of a saved reverse plan ('target' scenario): the answer, each law's cheapest
 * design per objective with its band, how sure each is, and where the laws disagree. Written
 * against the few writer methods it needs, so pdf.ts only has to call it.
 */
import * as fmt from '../format';
import type { ByteConvention } from '../format';
import { TARGET_OBJECTIVE_LABEL } from '../engine/explain/target';
import type { TargetObjectiveId, TargetSnapshot } from './target-snapshot';

export interface TargetWriter {
  readonly width: number;
  /** The report's one byte convention (stated in its header). */
  readonly convention: ByteConvention;
  heading(text: string, level?: 1 | 2 | 3): void;
  para(text: string, opts?: { size?: number; color?: string; bold?: boolean }): void;
  bullets(items: string[], opts?: { size?: number }): void;
  table(columns: Array<{ header: string; width: number; align?: 'left' | 'right' }>, rows: string[][], opts?: { size?: number }): void;
}

function valueText(objective: TargetObjectiveId, v: number, convention: ByteConvention): string {
  if (objective === 'servingMemory') return fmt.bytes(v, convention);
  if (objective === 'money') return fmt.money(v);
  return `${fmt.flops(v)} FLOPs`;
}

export function targetSections(w: TargetWriter, t: TargetSnapshot): void {
  w.heading('Answer', 3);
  if (typeof t.headline === 'string') w.para(t.headline, { bold: true, size: 10 });
  w.para(t.answer, { bold: typeof t.headline !== 'string', size: 9 });

  w.heading('Cheapest design per law and objective', 3);
  const fixed = [70, 70, 24, 52, 52, 52, 60];
  const rest = (w.width - fixed.reduce((a, b) => a + b, 0)) / 2;
  const headers = ['Law', 'Cheapest in', 'E', 'N_act (params)', 'N_total (params)', 'Tokens', 'Training FLOPs', 'Objective', 'Band of the objective'];
  const widths = [...fixed, rest, rest];
  const rows = t.laws.flatMap((l) =>
    l.reason
      ? [[l.provenance.law.name, l.reason, '', '', '', '', '', '', '']]
      : l.winners.map((x) => [
          l.provenance.law.name,
          TARGET_OBJECTIVE_LABEL[x.objective],
          String(x.experts),
          fmt.count(x.design.nAct),
          fmt.count(x.design.nTotal),
          fmt.count(x.design.tokens),
          fmt.flops(x.design.trainingFlops),
          valueText(x.objective, x.value, w.convention),
          x.uncertainty ? `${valueText(x.objective, x.uncertainty.value.low, w.convention)} – ${valueText(x.objective, x.uncertainty.value.high, w.convention)}` : 'none',
        ]),
  );
  w.table(
    headers.map((header, i) => ({ header, width: widths[i]!, ...(i >= 2 ? { align: 'right' as const } : {}) })),
    rows,
    { size: 7 },
  );

  w.heading('How sure is that?', 3);
  w.bullets(
    t.laws
      .filter((l) => !l.reason)
      .map((l) => {
        const u = l.winners.find((x) => x.objective === 'trainingFlops')?.uncertainty ?? l.winners.find((x) => x.uncertainty)?.uncertainty;
        if (!u) return `${l.provenance.law.name}: no band — this coefficient set has neither bootstrap replicates nor a fit error its paper reports.`;
        const wins = u.expertWins.length ? ` The winning E across replicates: ${u.expertWins.map((e) => `E = ${e.experts} in ${Math.round(e.share * 100)} %`).join(', ')}.` : '';
        return `${l.provenance.law.name}: ${u.label}${wins}`;
      }),
  );

  w.heading('Where the laws disagree', 3);
  w.para('Each law reads losses on its own training data (Chinchilla: MassiveText; joint law: FineWeb-Edu; comprehensive law: Dolma), so a "match this model" goal is read by each law on its own terms.', { size: 8 });
  w.table(
    [
      { header: 'Objective', width: 90 },
      { header: 'Winner by law, cheapest first', width: w.width - 170 },
      { header: 'Spread', width: 40, align: 'right' },
      { header: 'Same E?', width: 40 },
    ],
    t.disagreements.map((d) => [
      TARGET_OBJECTIVE_LABEL[d.objective],
      d.byLaw.map((b) => `${b.law}: E = ${b.experts}, ${valueText(d.objective, b.value, w.convention)}`).join('; '),
      fmt.times(d.spread),
      d.expertsDiffer ? 'no' : 'yes',
    ]),
    { size: 7.5 },
  );

  const at = t.lawsAtWinner;
  if (at && Array.isArray(at.predictions)) {
    w.heading(`What every law predicts for the joint law's pick (E = ${at.design.experts}, N_act ${fmt.count(at.design.nAct)}, ${fmt.count(at.design.tokens)} tokens)`, 3);
    w.table(
      [
        { header: 'Law', width: 90 },
        { header: 'Loss (nats/token)', width: 60, align: 'right' },
        { header: 'Status', width: 80 },
        { header: 'How', width: w.width - 230 },
      ],
      at.predictions.map((p) => [p.law, fmt.loss(p.loss), p.status.replace(/-/g, ' '), p.basis]),
      { size: 7.5 },
    );
  }

  w.heading('Citations', 3);
  for (const l of t.laws) {
    w.para(`${l.provenance.law.name}: ${l.provenance.law.citation}. Coefficient set ${l.provenance.coefficientSet.name} [${l.provenance.coefficientSet.id}, ${l.provenance.coefficientSet.provenance}]: ${l.provenance.coefficientSet.citation}.`, { size: 8 });
  }
}
