/**
 * One reading of a result's flags for every face (UI, CLI, reports): which quantities lie
 * outside the fitted domain, by what factor, and how far at worst. Pure and zod-free, so the
 * renderer can import it at run time.
 */
import type { Flag } from './common';
import { multiple } from '../../format';

export type FlagExtent = NonNullable<Flag['extent']>;
/** Where a result stands overall: inside the fitted domain, or its worst flag's extent. */
export type FlagStanding = 'inside' | FlagExtent;
/** Any flag the contract carries (type-only import: this module stays zod-free at run time). */
export type SummarisableFlag = Flag;

export interface OutsideQuantity {
  code: string;
  quantity: string;
  factor: number;
  extent: FlagExtent;
  /** above the maximum, below the minimum, or away from the nearest run (the joint check). */
  direction: 'above' | 'below' | 'away';
}

export interface FlagSummary {
  standing: FlagStanding;
  /** Extrapolated quantities, one per flag code (the largest factor), the worst first. */
  outside: OutsideQuantity[];
  /** Flags without a factor (cautions and notes), one per code. */
  notes: SummarisableFlag[];
}

export const STANDING_LABELS: Record<FlagStanding, string> = {
  inside: 'inside the fitted range',
  near: 'near the fitted range (within 2×)',
  outside: 'outside the fitted range (2×–10×)',
  far: 'far outside (beyond 10×): a trend, not a number',
};

const RANK: Record<FlagStanding, number> = { inside: 0, near: 1, outside: 2, far: 3 };

function directionOf(f: SummarisableFlag): OutsideQuantity['direction'] {
  if (f.value !== undefined && f.range?.max !== undefined && f.value > f.range.max && f.variable !== 'runs') return 'above';
  if (f.value !== undefined && f.range?.min !== undefined && f.value < f.range.min) return 'below';
  return 'away';
}

export function summariseFlags(flags: readonly SummarisableFlag[]): FlagSummary {
  const byCode = new Map<string, OutsideQuantity>();
  const notes = new Map<string, SummarisableFlag>();
  for (const f of flags) {
    if (f.factor === undefined || f.extent === undefined) {
      if (!notes.has(f.code)) notes.set(f.code, f);
      continue;
    }
    const prev = byCode.get(f.code);
    if (!prev || f.factor > prev.factor) {
      byCode.set(f.code, { code: f.code, quantity: f.quantity ?? f.variable ?? f.code, factor: f.factor, extent: f.extent, direction: directionOf(f) });
    }
  }
  const outside = [...byCode.values()].sort((a, b) => b.factor - a.factor);
  const standing = outside.reduce<FlagStanding>((worst, q) => (RANK[q.extent] > RANK[worst] ? q.extent : worst), 'inside');
  return { standing, outside, notes: [...notes.values()] };
}

export const formatFactor = (factor: number): string => multiple(factor);

const DIRECTION_WORDS: Record<OutsideQuantity['direction'], string> = { above: 'above', below: 'below', away: 'away' };

/** "training tokens 4.79× above, experts 2.00× above" — every extrapolated quantity with its factor. */
export function outsideText(s: FlagSummary): string {
  return s.outside.map((q) => `${q.quantity} ${formatFactor(q.factor)} ${DIRECTION_WORDS[q.direction]}`).join(', ');
}

/** One line: the standing and the quantities, e.g. "far outside …: tokens per active parameter 60.7× above, …". */
export function summaryLine(flags: readonly SummarisableFlag[]): string {
  const s = summariseFlags(flags);
  const notes = s.notes.length ? `${s.outside.length ? '; ' : ''}${s.notes.length} note${s.notes.length > 1 ? 's' : ''}` : '';
  if (s.standing === 'inside') return `${STANDING_LABELS.inside}${notes ? ` (${s.notes.length} note${s.notes.length > 1 ? 's' : ''})` : ''}`;
  return `${STANDING_LABELS[s.standing]}: ${outsideText(s)}${notes}`;
}

/** A table cell's worth: "inside", or the worst quantity, its factor and extent ("tokens per active parameter 4.13× (+1)"). */
export function worstText(flags: readonly SummarisableFlag[]): string {
  const s = summariseFlags(flags);
  const worst = s.outside[0];
  if (!worst) return 'inside';
  const more = s.outside.length > 1 ? ` (+${s.outside.length - 1} more)` : '';
  return `${worst.extent}: ${worst.quantity} ${formatFactor(worst.factor)} ${DIRECTION_WORDS[worst.direction]}${more}`;
}
