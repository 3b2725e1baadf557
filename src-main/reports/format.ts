/**
 * How the PDF writes numbers for people. (CSV never uses these: it writes raw numbers.)
 * Large and small numbers use a four-significant-digit mantissa and a power of ten with
 * superscript digits, e.g. 1.094×10⁹; GB = 10^9 bytes, GiB = 2^30 bytes.
 */
const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

export function superscript(n: number): string {
  return String(n).split('').map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/** 4 significant digits; ×10ⁿ outside [10^-3, 10^5). Whole numbers below 10^5 are written in full. */
export function sci(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const ax = Math.abs(x);
  if (ax >= 1e-3 && ax < 1e5) {
    if (Number.isInteger(x)) return String(x);
    return String(Number(x.toPrecision(digits)));
  }
  let exp = Math.floor(Math.log10(ax));
  let mant = x / 10 ** exp;
  if (Math.abs(Number(mant.toFixed(digits - 1))) >= 10) {
    exp += 1;
    mant = x / 10 ** exp;
  }
  return `${mant.toFixed(digits - 1)}×10${superscript(exp)}`;
}

export function fixed(x: number | null | undefined, decimals = 4): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(decimals);
}

/** "77.18 GB (71.88 GiB)". */
export function bytes(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${(x / 1e9).toPrecision(4)} GB (${(x / 2 ** 30).toPrecision(4)} GiB)`;
}

/** Short byte label for chart ticks: 80 GB, 1.5 TB. */
export function bytesShort(x: number): string {
  if (!Number.isFinite(x)) return '';
  const units: Array<[number, string]> = [[1e15, 'PB'], [1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB']];
  for (const [f, u] of units) if (Math.abs(x) >= f) return `${Number((x / f).toPrecision(3))} ${u}`;
  return `${x} B`;
}

/** Tick label for a log axis of counts: 10¹⁸, 3×10²⁰. */
export function tick(x: number): string {
  if (!Number.isFinite(x) || x <= 0) return String(x);
  if (x >= 1e-2 && x < 1e4) return String(Number(x.toPrecision(3)));
  const exp = Math.floor(Math.log10(x) + 1e-9);
  const mant = Number((x / 10 ** exp).toPrecision(2));
  return mant === 1 ? `10${superscript(exp)}` : `${mant}×10${superscript(exp)}`;
}
