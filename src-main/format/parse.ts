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

/** Reads `1e22`, `1.5e21`, `3×10^22`, `3 × 10²²`, `3x10^22`, `2,000` or `1_000_000`. */
export function parseNumber(text: string, what = 'value'): ParseResult {
  const s = caretPowers(text.trim()).replace(/[,_](?=\d{3}(?:\D|$))/g, '').replace(/\s+/g, ' ');
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
