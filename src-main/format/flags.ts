/**
 * One reading of a result's flags for every face (the renderer, the PDF's page 1, the CLI's text):
 * which quantities lie outside the fitted domain, in which planner words, by what factor, and how
 * far at worst. The words are the flag's own (`quantity`, written by the engine from its law's
 * description); a flag saved before flags carried words and factors is read here too, so a
 * scenario saved by an old release says the same as a new one, wherever it is read.
 */
import { multiple } from './numbers';

/**
 * How far outside its fitted domain a value lies, read at a glance. Inside the domain there is
 * no flag at all. `near`: within 2× of the bound (the law's shape is probably still right);
 * `outside`: 2× to 10× (the number is an extrapolation, check it against a smaller run);
 * `far`: beyond 10× (treat it as a trend, not a number).
 */
export type FlagExtent = 'near' | 'outside' | 'far';
/** Where a result stands overall: inside the fitted domain, or its worst flag's extent. */
export type FlagStanding = 'inside' | FlagExtent;

/** An extrapolation or caution flag, as the engine writes it and every face reads it (the contract's Flag mirrors it). */
export interface SummarisableFlag {
  /** Stable machine code, e.g. `joint-experts-above-fitted`, `joint-far-from-runs`. */
  code: string;
  severity: 'info' | 'warning';
  /** One sentence a planner can read, naming the quantity, its value, the fitted range and how far outside. */
  message: string;
  /** The variable concerned (e.g. `nAct`, `experts`, `flops`). */
  variable?: string;
  /** The variable in a planner's words, for a compact summary ("tokens per active parameter"). */
  quantity?: string;
  value?: number;
  /** The fitted range of that variable, when there is one. */
  range?: { min?: number; max?: number };
  /** How many times beyond the fitted range the value lies (≥ 1), for extrapolation flags. */
  factor?: number;
  extent?: FlagExtent;
}

/** Upper limits of the `near` and `outside` bands, as factors beyond the bound. */
export const NEAR_FACTOR = 2;
export const FAR_FACTOR = 10;

export function extentOf(factor: number): FlagExtent {
  return factor <= NEAR_FACTOR ? 'near' : factor <= FAR_FACTOR ? 'outside' : 'far';
}

/** How many times `value` lies beyond [min, max] (1 inside). */
export function factorOutside(value: number, range: { min?: number; max?: number }): number {
  if (range.max !== undefined && value > range.max) return value / range.max;
  if (range.min !== undefined && value < range.min) return value > 0 ? range.min / value : Infinity;
  return 1;
}

/**
 * The planner words of the variables flags named before they carried their own words (releases
 * up to 2de47c7 wrote only `variable`): each law description's label for that variable
 * (tests/unit/format/flag-words.test.ts holds them equal).
 */
export const SAVED_FLAG_WORDS: Readonly<Record<string, string>> = {
  flops: 'training compute',
  nAct: 'active parameters',
  nTotal: 'total parameters',
  tokens: 'training tokens',
  experts: 'experts',
  tokensPerParam: 'tokens per active parameter',
  total: 'total parameters',
  active: 'active parameters',
  activeExperts: 'activated experts',
  el: 'efficiency leverage',
  activation: 'activation ratio',
  granularity: 'granularity',
};

/** A flag's quantity in a planner's words: its own, else its variable's, never a field id when either is known. */
export function flagWords(f: SummarisableFlag): string {
  return f.quantity ?? SAVED_FLAG_WORDS[f.variable ?? ''] ?? f.variable ?? f.code;
}

/** A flag's factor and extent: its own, or worked out from its value and range (a flag saved before it carried them). */
function measured(f: SummarisableFlag): { factor: number; extent: FlagExtent } | null {
  if (f.factor !== undefined) return { factor: f.factor, extent: f.extent ?? extentOf(f.factor) };
  if (f.severity !== 'warning' || f.value === undefined || !f.range) return null;
  const factor = factorOutside(f.value, f.range);
  return factor > 1 ? { factor, extent: extentOf(factor) } : null;
}

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
  /** Extrapolated quantities, one per quantity and direction (the largest factor), the worst first. */
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
  const byQuantity = new Map<string, OutsideQuantity>();
  const notes = new Map<string, SummarisableFlag>();
  for (const f of flags) {
    const m = measured(f);
    if (!m) {
      if (!notes.has(f.code)) notes.set(f.code, f);
      continue;
    }
    // One entry per quantity a reader sees (several laws flag the same training tokens under codes of their own).
    const q: OutsideQuantity = { code: f.code, quantity: flagWords(f), ...m, direction: directionOf(f) };
    const key = `${q.quantity} ${q.direction}`;
    const prev = byQuantity.get(key);
    if (!prev || q.factor > prev.factor) byQuantity.set(key, q);
  }
  const outside = [...byQuantity.values()].sort((a, b) => b.factor - a.factor);
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
