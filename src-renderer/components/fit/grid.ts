/** The fit's start grid as the user edits it: one `parameter: v1, v2, …` per line. */
import type { ResponseOf } from '../../../src-main/ipc/contract';

export type ParsedGrid = { ok: true; grid: Record<string, number[]>; starts: number } | { ok: false; message: string };

export function gridToText(grid: Record<string, number[]>): string {
  return Object.entries(grid)
    .map(([k, v]) => `${k}: ${v.map((x) => String(Number(x.toPrecision(6)))).join(', ')}`)
    .join('\n');
}

/** The grid as typed, with its number of starts (parameters not typed keep the law's defaults). */
export function parseGrid(text: string, defaults: ResponseOf<'fit.defaults'> | null): ParsedGrid {
  const grid: Record<string, number[]> = {};
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const m = /^([A-Za-z_][\w]*)\s*[:=]\s*(.+)$/.exec(line);
    if (!m) return { ok: false, message: `Grid line ${i + 1}: write “parameter: value, value, …”` };
    const values = m[2]!.split(/[,\s]+/).filter((s) => s !== '').map(Number);
    if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return { ok: false, message: `Grid line ${i + 1} (${m[1]}): values must be numbers` };
    grid[m[1]!] = values;
  }
  if (lines.length === 0) return { ok: false, message: 'The grid needs at least one line' };
  let starts = 1;
  for (const p of defaults?.params ?? []) starts *= (grid[p.name] ?? grid[p.coefficient] ?? defaults?.grid[p.name] ?? [0]).length;
  return { ok: true, grid, starts };
}
