/**
 * How quantities are written and read by people, shared by the renderer and the CLI so that
 * `3×10^22` or `80GiB` means the same thing everywhere. Values on the wire are raw numbers.
 */

export type ParseResult = { ok: true; value: number } | { ok: false; message: string };

const SCI = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?:[x×*·]\s*10\s*\^\s*([+-]?\d+))?$/i;
const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** Reads `1e22`, `1.5e21`, `3×10^22`, `3x10^22`, `2,000` or `1_000_000`. */
export function parseNumber(text: string, what = 'value'): ParseResult {
  const s = text.trim().replace(/[,_](?=\d{3}(?:\D|$))/g, '').replace(/\s+/g, ' ');
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
};

/** Reads `80GB` (10^9), `80GiB` (2^30), `640 GiB` or a raw byte count. */
export function parseBytes(text: string, what = 'memory'): ParseResult {
  const m = /^(.*?)\s*([kmgt]i?b|b)?$/i.exec(text.trim());
  const numberPart = m?.[1] ?? '';
  const unit = (m?.[2] ?? 'b').toLowerCase();
  const factor = BYTE_UNITS[unit];
  if (factor === undefined) return { ok: false, message: `${what}: unknown unit in "${text}" (use B, GB, GiB, TB or TiB)` };
  const r = parsePositive(numberPart, what);
  if (!r.ok) return r;
  return { ok: true, value: r.value * factor };
}

/** Reads a comma-separated list of whole positive numbers, e.g. `1,2,4,8`. */
/** Comma-separated words (tags, ids): trimmed, empties dropped. */
export const parseWordList = (text: string): string[] => text.split(',').map((t) => t.trim()).filter(Boolean);

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

const SI = [
  { f: 1e12, s: 'T' },
  { f: 1e9, s: 'B' },
  { f: 1e6, s: 'M' },
  { f: 1e3, s: 'K' },
];

/** 1.23B, 456M: for parameter and token counts. */
export function formatCount(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const ax = Math.abs(x);
  if (ax >= 1e15) return x.toExponential(2);
  for (const { f, s } of SI) if (ax >= f) return `${trim((x / f).toPrecision(digits))}${s}`;
  return trim(x.toPrecision(digits));
}

/** 1.00e+22 style for FLOPs and other huge quantities. */
export function formatSci(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const ax = Math.abs(x);
  if (ax >= 1e-3 && ax < 1e5) return trim(x.toPrecision(digits));
  const [mant, exp] = x.toExponential(digits - 1).split('e');
  return `${mant}×10^${Number(exp)}`;
}

/** Bytes in both conventions' most readable binary unit, e.g. `74.5 GiB`. */
export function formatBytes(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = x;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${trim(v.toPrecision(digits))} ${units[i]}`;
}

function trim(s: string): string {
  return s.includes('e') ? s : s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
