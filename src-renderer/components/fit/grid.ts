/** The fit's start grid as the user edits it: one `parameter: v1, v2, …` per line. */
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { editableNumber, parseNumber } from '../../../src-main/format';

export type ParsedGrid = { ok: true; grid: Record<string, number[]>; starts: number } | { ok: false; message: string };

export function gridToText(grid: Record<string, number[]>): string {
  return Object.entries(grid)
    .map(([k, v]) => `${k}: ${v.map(editableNumber).join(', ')}`)
    .join('\n');
}

/** The grid as typed, with its number of starts (parameters not typed keep the law's defaults). */
export function parseGrid(text: string, defaults: ResponseOf<'fit.defaults'> | null): ParsedGrid {
  const grid: Record<string, number[]> = {};
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const m = /^([A-Za-z_][\w]*)\s*[:=]\s*(.+)$/.exec(line);
    if (!m) return { ok: false, message: `Grid line ${i + 1}: write “parameter: value, value, …”` };
    // Commas separate values when there are any (a value may be written "3 × 10⁻⁴"); otherwise the
    // line is one such value, or values separated by spaces.
    const whole = m[2]!.includes(',') ? null : parseNumber(m[2]!);
    const parts = whole?.ok ? [whole] : m[2]!.split(whole ? /\s+/ : /\s*,\s*/).filter((s) => s !== '').map((s) => parseNumber(s));
    if (parts.length === 0 || parts.some((p) => !p.ok)) return { ok: false, message: `Grid line ${i + 1} (${m[1]}): values must be numbers` };
    const values = parts.map((p) => (p.ok ? p.value : NaN));
    grid[m[1]!] = values;
  }
  if (lines.length === 0) return { ok: false, message: 'The grid needs at least one line' };
  let starts = 1;
  for (const p of defaults?.params ?? []) starts *= (grid[p.name] ?? grid[p.coefficient] ?? defaults?.grid[p.name] ?? [0]).length;
  return { ok: true, grid, starts };
}
