/**
 * How quantities are read from what people type, shared by the renderer and the CLI so that
 * `3×10^22` or `80GiB` means the same thing everywhere. Values on the wire are raw numbers.
 */

export type ParseResult = { ok: true; value: number } | { ok: false; message: string };

const SCI = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?:[x×*·]\s*10\s*\^\s*([+-]?\d+))?$/i;
const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

const FROM_SUPERSCRIPT: Record<string, string> = { '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };

/** "10²²" as written by the formatter → "10^22", so a figure copied from a table reads back. */
const caretPowers = (text: string): string =>
  text.replace(/10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_, sup: string) => `10^${sup.split('').map((c) => FROM_SUPERSCRIPT[c]).join('')}`);

/** Reads `1e22`, `1.5e21`, `3×10^22`, `3 × 10²²`, `3x10^22`, `2,000`, `1_000_000` or `−0.2` (a minus sign or a hyphen). */
export function parseNumber(text: string, what = 'value'): ParseResult {
  // The minus sign the formatter writes (U+2212) reads back as one typed with a hyphen.
  const s = caretPowers(text.trim()).replace(/\u2212/g, '-').replace(/[,_](?=\d{3}(?:\D|$))/g, '').replace(/\s+/g, ' ');
  if (s === '') return { ok: false, message: `${what} is empty` };
  let value: number;
  if (PLAIN.test(s)) value = Number(s);
  else {
    const m = SCI.exec(s);
    if (!m) return { ok: false, message: `${what}: "${text}" is not a number (write e.g. 1e22, 1.5e21 or 3×10^22)` };
    value = Number(m[1]) * (m[2] === undefined ? 1 : 10 ** Number(m[2]));
  }
  if (!Number.isFinite(value)) return { ok: false, message: `${what}: "${text}" is too large` };
  return { ok: true, value };
}

export function parsePositive(text: string, what = 'value'): ParseResult {
  const r = parseNumber(text, what);
  if (!r.ok) return r;
  if (r.value <= 0) return { ok: false, message: `${what} must be positive (got ${text.trim()})` };
  return r;
}

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
  pb: 1e15, pib: 2 ** 50,
};

/**
 * Reads `80GB` (10^9), `80GiB` (2^30), `640 GiB` or `123456 B`. A bare number asks for its unit:
 * "80" is far more often 80 GB meant than 80 bytes.
 */
export function parseBytes(text: string, what = 'memory'): ParseResult {
  const m = /^(.*?)\s*([kmgtp]i?b|b)?$/i.exec(text.trim());
  const numberPart = m?.[1] ?? '';
  if (m?.[2] === undefined) {
    const bare = parsePositive(numberPart, what);
    if (!bare.ok) return bare;
    return { ok: false, message: `${what}: add a unit to "${text.trim()}" (e.g. ${text.trim()} GB or ${text.trim()} GiB)` };
  }
  const unit = m[2].toLowerCase();
  const factor = BYTE_UNITS[unit];
  if (factor === undefined) return { ok: false, message: `${what}: unknown unit in "${text}" (use B, GB, GiB, TB or TiB)` };
  const r = parsePositive(numberPart, what);
  if (!r.ok) return r;
  return { ok: true, value: r.value * factor };
}

/** Comma-separated words (tags, ids): trimmed, empties dropped. */
export const parseWordList = (text: string): string[] => text.split(',').map((t) => t.trim()).filter(Boolean);

/** Reads a comma-separated list of whole positive numbers, e.g. `1,2,4,8`. */
export function parseIntList(text: string, what = 'list'): { ok: true; value: number[] } | { ok: false; message: string } {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, message: `${what} is empty` };
  const out: number[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1) return { ok: false, message: `${what}: "${p}" is not a whole number ≥ 1` };
    out.push(n);
  }
  return { ok: true, value: out };
}

/**
 * Reads the values of a grid axis: a list (`5e7, 1e8, 4e8`) or a geometric range FROM:TO:FACTOR
 * (`5e7:1.6e9:2` = 5e7, 1e8, …, 1.6e9), at most `maxValues` of them. `integer` asks for whole
 * numbers ≥ 1 (expert counts). List items are split at commas first, so `2,000` is two values.
 */
export function parseAxis(text: string, what = 'values', o: { integer?: boolean; maxValues?: number } = {}): { ok: true; value: number[] } | { ok: false; message: string } {
  const max = o.maxValues ?? 24;
  const raw = text.trim();
  if (raw === '') return { ok: false, message: `${what} is empty` };
  const read = (p: string): ParseResult => {
    const r = parsePositive(p, what);
    if (r.ok && o.integer && !Number.isInteger(r.value)) return { ok: false, message: `${what}: "${p.trim()}" is not a whole number` };
    return r;
  };
  let values: number[];
  if (raw.includes(':')) {
    const parts = raw.split(':');
    if (parts.length !== 3) return { ok: false, message: `${what}: write a range as FROM:TO:FACTOR, e.g. 5e7:1.6e9:2` };
    const [from, to, factor] = parts.map((p) => parsePositive(p, what));
    for (const r of [from!, to!, factor!]) if (!r.ok) return r;
    const [a, b, f] = [from, to, factor].map((r) => (r as { value: number }).value) as [number, number, number];
    if (b < a) return { ok: false, message: `${what}: the range ends (${parts[1]!.trim()}) below where it starts (${parts[0]!.trim()})` };
    if (!(f > 1)) return { ok: false, message: `${what}: the factor between values must be greater than 1 (got ${parts[2]!.trim()})` };
    values = [];
    // The end is included when the steps land on it up to rounding (5e7 × 2⁵ = 1.6e9).
    for (let k = 0, v = a; v <= b * (1 + 1e-9); k++, v = a * f ** k) {
      values.push(o.integer ? Math.round(v) : Number(v.toPrecision(12)));
      if (values.length > max) return { ok: false, message: `${what}: the range gives more than ${max} values (use a larger factor)` };
    }
    if (o.integer && values.some((v, i) => !Number.isInteger(a * f ** i))) return { ok: false, message: `${what}: the range ${raw} gives values that are not whole numbers` };
  } else {
    values = [];
    for (const p of raw.split(',').filter((x) => x.trim() !== '')) {
      const r = read(p);
      if (!r.ok) return r;
      values.push(r.value);
    }
    if (values.length > max) return { ok: false, message: `${what}: at most ${max} values (got ${values.length})` };
  }
  if (new Set(values).size !== values.length) return { ok: false, message: `${what}: a value is repeated` };
  return { ok: true, value: values };
}
