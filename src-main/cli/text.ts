/** Plain-text tables and blocks for the CLI's human output; the numbers in them come from `src-main/format` (JSON output uses raw numbers). */
import type { ByteConvention } from '../format';
import type { ProvenanceInfo, Flag } from '../ipc/contract/common';
import { summaryLine, worstText } from '../format/flags';

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function provenanceLines(p: ProvenanceInfo): string {
  return `Law: ${p.law.name} — ${p.law.citation}\nCoefficients: ${p.coefficientSet.name} [${p.coefficientSet.id}, ${p.coefficientSet.provenance}] — ${p.coefficientSet.citation}`;
}

/** The summary first (where the result stands, each quantity outside and its factor), then every flag's sentence. */
export function flagLines(flags: readonly Flag[]): string {
  return flags.length ? [`Fitted range: ${summaryLine(flags)}`, ...flags.map((f) => `! ${f.message}`)].join('\n') : '';
}

/** One line per row that lies outside the fitted range, for tables whose rows carry their own flags. */
export function rowFlagLines(rows: ReadonlyArray<{ label: string; flags: readonly Flag[] }>): string {
  const outside = rows.filter((r) => worstText(r.flags) !== 'inside');
  return outside.length ? ['Outside the fitted range, per row (worst quantity):', ...outside.map((r) => `  ${r.label}: ${worstText(r.flags)}`)].join('\n') : '';
}

/** A grid this narrow is printed whole as a table; a wider one by its four corners. */
export const GRID_TABLE_COLUMNS = 12;

/**
 * A rows × columns grid: the table while it is at most GRID_TABLE_COLUMNS wide, else its four
 * corners (`cell(i, j)` in words), any `more` lines, and how to have the table (`narrower`: the
 * option that takes fewer columns; `columnsAre`: what the columns are, plural).
 */
export function gridText(g: { rows: number; columns: number; table: () => string; cell: (i: number, j: number) => string; columnsAre: string; narrower: string; more?: string[] }): string {
  if (g.columns <= GRID_TABLE_COLUMNS) return g.table();
  const corners = [
    [0, 0],
    [0, g.columns - 1],
    [g.rows - 1, 0],
    [g.rows - 1, g.columns - 1],
  ].map(([i, j]) => g.cell(i!, j!));
  return [
    `Corners: ${corners.join('; ')}`,
    ...(g.more ?? []),
    `(The grid is ${g.columns} ${g.columnsAre} wide: ${g.narrower} with ${GRID_TABLE_COLUMNS} or fewer prints it as a table, --json gives every cell.)`,
  ].join('\n');
}

export function joinBlocks(...blocks: string[]): string {
  return blocks.filter((b) => b.trim() !== '').join('\n\n');
}

/** The values of --bytes, and the convention each names. */
export const BYTES_CHOICES = { GiB: 'binary', GB: 'decimal' } as const satisfies Record<string, ByteConvention>;

/**
 * The convention the CLI's text writes memory in: --bytes, which the CLI fills from the saved
 * preference (app.preferences) when it is not given, so the CLI reads like the app.
 */
export function cliBytes(values: { bytes?: unknown }): ByteConvention {
  return BYTES_CHOICES[values.bytes as keyof typeof BYTES_CHOICES] ?? 'binary';
}
