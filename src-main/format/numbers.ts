/**
 * How every number reaches a person: the renderer, the PDF, CSV headers and the CLI's text output
 * all write quantities through these rules, so one value reads the same everywhere. Raw numbers
 * stay on the wire, in `--json` and in CSV cells.
 *
 * Rules: counts as "12.3 B" / "1.45 T"; FLOPs as "1.0 × 10²²" (real superscripts, never "e+" or
 * a caret); GPU-hours and money with digit grouping; bytes in one chosen convention (GB = 10⁹ or
 * GiB = 2³⁰); a fixed number of significant digits per kind; a negative figure with the minus sign
 * (U+2212, as in the formulas beside it), never a hyphen, in every function here.
 */

/** Significant digits per kind of quantity (a reader compares these, so they stay fixed). */
export const DIGITS = { count: 3, flops: 2, bytes: 3, hours: 3, money: 3, days: 3, loss: 4, plain: 3 } as const;

export type ByteConvention = 'decimal' | 'binary';
export const BYTE_CONVENTIONS: readonly ByteConvention[] = ['binary', 'decimal'];
export const DEFAULT_BYTE_CONVENTION: ByteConvention = 'binary';

const DASH = '—';
const TIMES = '×';
/** The minus sign every negative figure is written with (U+2212); parse.ts reads it back. */
export const MINUS = '−';
/** A figure's digits (written for |x|) with the sign of x. */
const signed = (x: number, digits: string): string => `${x < 0 ? MINUS : ''}${digits}`;
const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

export function superscript(n: number): string {
  return String(n).split('').map((c) => SUPERSCRIPT[c] ?? c).join('');
}

const missing = (x: number | null | undefined): x is null | undefined => x === null || x === undefined || !Number.isFinite(x);

/** Splits |x| into a mantissa in [1, 10) already rounded to `sig` digits, and its power of ten. */
function mantissaExponent(x: number, sig: number): { mantissa: string; exponent: number } {
  // toExponential rounds the mantissa and carries into the exponent exactly (9.96e22 → "1.0e+23");
  // dividing by 10 ** exponent does not (1e29 / 10 ** 29 is 0.9999999999999998).
  const [mantissa, exponent] = x.toExponential(sig - 1).split('e') as [string, string];
  return { mantissa, exponent: Number(exponent) };
}

/** "1.0 × 10²²" with `sig` significant digits in the mantissa. */
export function powerOfTen(x: number | null | undefined, sig: number = DIGITS.flops): string {
  if (missing(x)) return DASH;
  if (x === 0) return '0';
  const { mantissa, exponent } = mantissaExponent(Math.abs(x), sig);
  return signed(x, `${mantissa} ${TIMES} 10${superscript(exponent)}`);
}

/** Digit grouping with a thin comma: 1234567 → "1,234,567". */
function group(intText: string): string {
  return intText.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A plain number to `sig` significant digits: grouped when large ("7,020"), trailing zeros after the
 * point dropped ("2.5", not "2.50"), a power of ten only when it would need more than 15 digits
 * or is smaller than 0.001.
 */
export function significant(x: number | null | undefined, sig: number = DIGITS.plain): string {
  if (missing(x)) return DASH;
  if (x === 0) return '0';
  const ax = Math.abs(x);
  if (ax < 1e-3 || ax >= 1e15) return powerOfTen(x, sig);
  const exponent = Math.floor(Math.log10(ax));
  const decimals = Math.max(0, sig - 1 - exponent);
  let text: string;
  if (decimals > 0) text = ax.toFixed(decimals).replace(/\.?0+$/, '');
  else {
    const factor = 10 ** (exponent - sig + 1);
    text = group((Math.round(ax / factor) * factor).toFixed(0));
  }
  return signed(x, text);
}

/** A number with a fixed count of decimals, grouped: for losses and exponents read side by side. */
export function decimals(x: number | null | undefined, places: number): string {
  if (missing(x)) return DASH;
  const [int, frac] = Math.abs(x).toFixed(places).split('.');
  return signed(Number(x.toFixed(places)), `${group(int!)}${frac ? `.${frac}` : ''}`);
}

const COUNT_UNITS: ReadonlyArray<{ factor: number; suffix: string }> = [
  { factor: 1e12, suffix: 'T' },
  { factor: 1e9, suffix: 'B' },
  { factor: 1e6, suffix: 'M' },
  { factor: 1e3, suffix: 'K' },
];

/** Parameter and token counts: "12.3 B", "1.45 T", "456 M"; a power of ten past 999 T. */
export function count(x: number | null | undefined, sig: number = DIGITS.count): string {
  if (missing(x)) return DASH;
  const ax = Math.abs(x);
  if (ax >= 999.5e12) return powerOfTen(x, sig);
  for (const { factor, suffix } of COUNT_UNITS) {
    if (ax >= factor * (1 - 0.5 * 10 ** -sig)) {
      const scaled = significant(ax / factor, sig);
      // 999.7 M rounds to "1,000 M": move up a unit instead.
      if (Number(scaled.replace(/,/g, '')) >= 1000 && factor < 1e12) continue;
      return signed(x, `${scaled} ${suffix}`);
    }
  }
  return significant(x, sig);
}

/** FLOPs: "1.0 × 10²²" (the unit word is the caller's: "FLOPs", "FLOP/s"). */
export function flops(x: number | null | undefined, sig: number = DIGITS.flops): string {
  if (missing(x)) return DASH;
  if (Math.abs(x) < 1e5) return significant(x, sig);
  return powerOfTen(x, sig);
}

const BYTE_UNITS: Record<ByteConvention, { base: number; units: readonly string[] }> = {
  decimal: { base: 1000, units: ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] },
  binary: { base: 1024, units: ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] },
};

/** The suffixes `count` and `bytes` write after a figure ("B", "T", "kB", "GiB", …), for code that must keep a figure with its unit. */
export const SCALED_UNIT_WORDS: readonly string[] = [...new Set([...COUNT_UNITS.map((u) => u.suffix), ...Object.values(BYTE_UNITS).flatMap((u) => u.units)])];

/** The unit and divisor that `bytes` would pick for x (so a table column can share one unit). */
export function byteUnit(x: number, convention: ByteConvention): { unit: string; divisor: number } {
  const { base, units } = BYTE_UNITS[convention];
  let i = 0;
  let v = Math.abs(x);
  while (v >= base * (1 - 0.5 * 10 ** -DIGITS.bytes) && i < units.length - 1) {
    v /= base;
    i++;
  }
  return { unit: units[i]!, divisor: base ** i };
}

/** Bytes in the chosen convention's most readable unit: "640 GiB" or "687 GB". */
export function bytes(x: number | null | undefined, convention: ByteConvention, sig: number = DIGITS.bytes): string {
  if (missing(x)) return DASH;
  const { unit, divisor } = byteUnit(x, convention);
  return `${significant(x / divisor, sig)} ${unit}`;
}

/** Bytes in a fixed unit of the convention (the GB/GiB column of a table): "640". */
export function bytesIn(x: number | null | undefined, convention: ByteConvention, unit: 'GB' | 'TB' = 'GB', sig: number = DIGITS.bytes): string {
  if (missing(x)) return DASH;
  return significant(x / byteDivisor(convention, unit), sig);
}

export function byteDivisor(convention: ByteConvention, unit: 'GB' | 'TB'): number {
  const power = unit === 'GB' ? 3 : 4;
  return (convention === 'decimal' ? 1000 : 1024) ** power;
}

/**
 * What a chart axis's values are divided by before they are drawn, so that a memory axis ticks at
 * round figures of a unit of the convention: a log axis in gigabytes (decades at 10 GiB, 100 GiB,
 * 1,000 GiB, not at powers of ten bytes: "9.3 GiB", "93 GiB"), a linear one in the unit of its
 * largest value (2, 4, 6 TiB, not "2.7 TiB", "5.5 TiB"); any other axis is drawn as it is.
 */
export function axisDivisor(unit: string | undefined, log: boolean, values: readonly number[], convention: ByteConvention): number {
  if (unit !== 'bytes') return 1;
  if (log) return byteDivisor(convention, 'GB');
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return largest > 0 ? byteUnit(largest, convention).divisor : 1;
}

/** "GB" or "GiB": the name of the gigabyte in this convention. */
export function gigabyteName(convention: ByteConvention): 'GB' | 'GiB' {
  return convention === 'decimal' ? 'GB' : 'GiB';
}

/** The one sentence that states the convention, once per page or report. */
export function byteConventionNote(convention: ByteConvention): string {
  return convention === 'decimal'
    ? 'Memory in decimal units: 1 GB = 10⁹ bytes.'
    : 'Memory in binary units: 1 GiB = 2³⁰ bytes.';
}

/** GPU-hours with digit grouping: "7,020 GPU-hours", "1 GPU-hour". */
export function gpuHours(x: number | null | undefined, sig: number = DIGITS.hours): string {
  if (missing(x)) return DASH;
  const text = significant(x, sig);
  return `${text} ${text === '1' ? 'GPU-hour' : 'GPU-hours'}`;
}

/**
 * Money with digit grouping: "$1,230,000". An amount under $100 that is not a whole number of
 * dollars is written to the cent, as prices are read ("$2.50 per GPU-hour", not "$2.5"); under ten
 * cents, where a price per token lives, significant digits again.
 */
export function money(x: number | null | undefined, currency = '$', sig: number = DIGITS.money): string {
  if (missing(x)) return DASH;
  const a = Math.abs(x);
  // Under $100 to the cent, whole dollars included, so "$2.00" and "$2.50" read alike in a column of prices.
  const cents = a >= 0.1 && Math.round(a * 100) < 10_000;
  return signed(x, `${currency}${cents ? decimals(a, 2) : significant(a, sig)}`);
}

/** Days: "12.3 days", "1 day". */
export function days(x: number | null | undefined, sig: number = DIGITS.days): string {
  if (missing(x)) return DASH;
  const text = significant(x, sig);
  return `${text} ${text === '1' ? 'day' : 'days'}`;
}

/**
 * A loss in nats to four significant digits: "2.113". From 1 up, where losses live, trailing zeros
 * are kept ("1.950", not "1.95", which beside "1.937" reads as a less precise figure); a small
 * difference or error keeps only its digits ("0.0062").
 */
export function loss(x: number | null | undefined, sig: number = DIGITS.loss): string {
  if (missing(x)) return DASH;
  // The decimals follow the value as rounded, so 9.99996 reads "10.00" and 0.99996 "1.000", four digits each.
  const rounded = Math.abs(Number(x.toPrecision(sig)));
  if (rounded < 1 || rounded >= 1e15) return significant(x, sig);
  return decimals(x, Math.max(0, sig - 1 - Math.floor(Math.log10(rounded))));
}

/** A fraction as a percentage: 0.1234 → "12.3%". */
export function percent(x: number | null | undefined, sig: number = DIGITS.plain): string {
  if (missing(x)) return DASH;
  return `${significant(x * 100, sig)}%`;
}

/** How many times: 2.345 → "2.35×". */
export function times(x: number | null | undefined, sig: number = DIGITS.plain): string {
  if (missing(x)) return DASH;
  return `${significant(x, sig)}${TIMES}`;
}

/**
 * How many times over a limit (an extrapolation factor): three significant digits with trailing
 * zeros kept, so factors read side by side line up ("5.00×", "20.0×", "1,230×", "1.23 × 10⁴×").
 */
export function multiple(x: number | null | undefined, sig: number = DIGITS.plain): string {
  if (missing(x)) return DASH;
  const ax = Math.abs(x);
  if (ax >= 1e4) return `${powerOfTen(x, sig)}${TIMES}`;
  const text = ax >= 1e-3 ? ax.toPrecision(sig) : '';
  return text !== '' && !text.includes('e') ? signed(x, `${text}${TIMES}`) : `${significant(x, sig)}${TIMES}`;
}

/** Elapsed time in seconds: "0.842 s", "12.3 s", "1,230 s". */
export function seconds(x: number | null | undefined, sig: number = DIGITS.plain): string {
  if (missing(x)) return DASH;
  return `${significant(x, sig)} s`;
}

/** A whole number exactly, grouped: a count of starts, tokens in a context, bytes of a file ("4,096"). */
export function whole(x: number | null | undefined): string {
  return decimals(x, 0);
}

/**
 * A moment as a reader compares it across machines: "2026-12-01 17:36 UTC" (the reports' header
 * writes the same), from epoch milliseconds or an ISO 8601 string.
 */
export function dateTime(x: number | string | null | undefined): string {
  if (x === null || x === undefined) return DASH;
  const d = new Date(x);
  if (!Number.isFinite(d.getTime())) return DASH;
  return `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

/* Axis ticks: short, and in the same units as the tables. */

/** Log-axis tick for counts: "10 B", "1 T", "300 M". */
export function countTick(x: number): string {
  return Number.isFinite(x) && x > 0 ? count(x, 2).replace(/\.0(?= )/, '') : '';
}

/** Log-axis tick for FLOPs: "10²²", "3 × 10²²". */
export function flopsTick(x: number): string {
  if (!Number.isFinite(x) || x <= 0) return '';
  if (x < 1e4) return significant(x, 2);
  const { mantissa, exponent } = mantissaExponent(x, 2);
  const m = Number(mantissa);
  return m === 1 ? `10${superscript(exponent)}` : `${String(m)} ${TIMES} 10${superscript(exponent)}`;
}

/** Axis tick for bytes in the chosen convention: "80 GiB". */
export function bytesTick(x: number, convention: ByteConvention): string {
  return Number.isFinite(x) && x > 0 ? bytes(x, convention, 2) : '';
}

/** Axis tick for a plain value (a loss, a share): "2.1", "0.35". */
export function plainTick(x: number): string {
  return Number.isFinite(x) ? significant(x, 3) : '';
}

/**
 * The text an input shows for a value it holds: exact to six significant digits and readable back
 * by `parseNumber` ("3 × 10²²", "0.25", "120,000").
 */
export function editableNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  const ax = Math.abs(x);
  if (x === 0 || (ax >= 1e-3 && ax < 1e6)) return signed(x, String(Number(ax.toPrecision(6))));
  const exponent = Math.floor(Math.log10(ax));
  const mantissa = Number((ax / 10 ** exponent).toPrecision(6));
  return signed(x, `${mantissa} ${TIMES} 10${superscript(exponent)}`);
}

/** The text a memory input shows: "80 GiB", in the reader's convention, exact to six digits. */
export function editableBytes(x: number, convention: ByteConvention): string {
  if (!Number.isFinite(x)) return '';
  const { unit, divisor } = byteUnit(x, convention);
  return signed(x, `${Number((Math.abs(x) / divisor).toPrecision(6))} ${unit}`);
}

/**
 * A share of a whole (FLOP savings, utilisation): kept as a fraction of 1 on the wire and in CSV
 * cells, written as a percentage wherever a person reads it.
 */
export const SHARE_UNIT = 'share';

/**
 * How many times one like quantity is another (an efficiency leverage C_dense/C_MoE): kept raw on
 * the wire and in CSV cells, written "7.24×" wherever a person reads it (times()), so a page, the
 * CLI's text, a report and an explanation of the same figure read alike.
 */
export const TIMES_UNIT = TIMES;

/**
 * The unit of a product of two quantities, written after the number as quantity() writes any unit:
 * a variance of one ("(nats/token)²", "(ln L)²") or the covariance of two ("(nats/token)·(ln L)").
 * A unit of more than one word or with a slash is bracketed, so the square or product is of all of it.
 */
export function productUnit(a: string, b: string = a): string {
  // '\u00b7' is '·', escaped so the bundled report renderer stays ASCII (reports/line-breaks.ts says why).
  const whole = (u: string) => (/[\s/\u00b7]/.test(u) ? `(${u})` : u);
  return a === b ? `${whole(a)}²` : `${whole(a)}·${whole(b)}`;
}

/** Whether cell() writes the unit into the number itself ("35%", "7.24×"), so no label should repeat it. */
export function unitInCell(unit: string): boolean {
  return unit === SHARE_UNIT || unit === TIMES_UNIT;
}

/** A unit as a column or row label shows it: a share is read in percent; the rest as named. */
export function unitText(unit: string): string {
  return unit === SHARE_UNIT ? '%' : unit;
}

/** A unit as a CSV header states it, beside cells that keep raw numbers: a share there is a fraction. */
export function csvUnitText(unit: string): string {
  return unit === SHARE_UNIT ? 'fraction of 1' : unit;
}

/**
 * A value's number as quantity() writes it, without the unit word ("12.3 B", "1.0 × 10²²", "7,020"):
 * a formula with the values substituted reads each figure as the figure shown beside it. Bytes and
 * shares keep their unit ("640 GiB", "35%"): it is part of how the number reads. A multiple drops
 * its "×" (the digits of times(), "7.24"), which beside a product's "·" would read as a second operator.
 */
export function quantityNumber(x: number, unit: string, convention: ByteConvention = DEFAULT_BYTE_CONVENTION): string {
  if (unit === 'bytes') return bytes(x, convention);
  if (unit === SHARE_UNIT) return percent(x);
  if (unit === TIMES_UNIT) return significant(x, DIGITS.plain);
  if (/^(parameters|tokens|parameter|token)$/.test(unit)) return count(x);
  if (/^FLOP/.test(unit)) return flops(x);
  if (unit === 'GPU-hours') return significant(x, DIGITS.hours);
  if (unit === 'days') return significant(x, DIGITS.days);
  return significant(x, 4);
}

/**
 * A value with its unit word, by the rule for that unit: "12.3 B parameters", "1.0 × 10²² FLOPs",
 * "640 GiB", "0.35" for a dimensionless one.
 */
export function quantity(x: number | null | undefined, unit: string, convention: ByteConvention = DEFAULT_BYTE_CONVENTION): string {
  if (missing(x)) return DASH;
  if (unit === TIMES_UNIT) return times(x);
  const n = quantityNumber(x, unit, convention);
  if (unit === 'bytes' || unit === SHARE_UNIT || unit === '1' || unit === '') return n;
  return `${n} ${n === '1' ? (SINGULAR[unit] ?? unit) : unit}`;
}

/** Unit words read in the singular after a figure written "1" ("1 expert", "1 day"). */
const SINGULAR: Readonly<Record<string, string>> = { days: 'day', experts: 'expert', parameters: 'parameter', tokens: 'token', 'GPU-hours': 'GPU-hour', runs: 'run' };

/**
 * A table cell whose unit sits in the row's or column's label: the number alone, by that unit's
 * rule ("12.3 B" for parameters, "1.0 × 10²²" for FLOPs, "640 GiB", "2.113" for a loss).
 */
export function cell(v: number | string | boolean | null, unit: string, convention: ByteConvention = DEFAULT_BYTE_CONVENTION): string {
  if (v === null) return DASH;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return unit === 'ISO 8601' ? v.replace('T', ' ').slice(0, 16) : v;
  if (unit === 'bytes') return bytes(v, convention);
  if (unit === SHARE_UNIT) return percent(v);
  if (unit === TIMES_UNIT) return times(v);
  if (unit === 'nats per token') return loss(v);
  if (unit === 'experts' || unit === 'count') return Number.isInteger(v) ? signed(v, String(Math.abs(v))) : significant(v, 3);
  // a built model's widths are exact (4,096 not "4,100"); the continuous optimum's keep 4 digits
  if (unit === 'dimensions' && Number.isInteger(v)) return whole(v);
  if (/^(parameters|tokens)$/.test(unit)) return count(v);
  if (/^FLOP/.test(unit)) return flops(v);
  if (unit === 'GPU-hours') return significant(v, DIGITS.hours);
  return significant(v, 4);
}

/**
 * Free text written elsewhere (a coefficient set's notes, a seed's description) with its numbers in
 * e-notation: each "5.76e+23" becomes "5.76 × 10²³", keeping the digits the author wrote.
 */
export function prose(text: string): string {
  return text.replace(/(?:(?<![\w.])-)?\b(\d+(?:\.\d+)?)[eE]([+-]?\d+)\b/g, (all: string, m: string, e: string) => `${all.startsWith('-') ? MINUS : ''}${m} ${TIMES} 10${superscript(Number(e))}`);
}

/**
 * A coefficient as its source printed it, to at most `sig` significant digits with trailing zeros
 * dropped: 35.91, -0.1889, 1.3637, 5.28 × 10¹⁶ (formulas with the user's values substituted).
 */
export function coefficient(x: number | null | undefined, sig = 5): string {
  if (missing(x)) return DASH;
  const ax = Math.abs(x);
  if (x !== 0 && (ax < 1e-3 || ax >= 1e6)) {
    const { mantissa, exponent } = mantissaExponent(ax, sig);
    return signed(x, `${mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa} ${TIMES} 10${superscript(exponent)}`);
  }
  return significant(x, sig);
}
