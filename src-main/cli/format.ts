/** Plain-text tables and figures for the CLI's human output (JSON output uses raw numbers). */
import { formatBytes, formatCount, formatSci } from '../ipc/contract/quantities';
import type { ProvenanceInfo, Flag } from '../ipc/contract/common';

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function provenanceLines(p: ProvenanceInfo): string {
  return `Law: ${p.law.name} — ${p.law.citation}\nCoefficients: ${p.coefficientSet.name} [${p.coefficientSet.id}, ${p.coefficientSet.provenance}] — ${p.coefficientSet.citation}`;
}

export function flagLines(flags: readonly Flag[]): string {
  return flags.length ? flags.map((f) => `! ${f.message}`).join('\n') : '';
}

export const fmt = { count: formatCount, sci: formatSci, bytes: formatBytes };

export function joinBlocks(...blocks: string[]): string {
  return blocks.filter((b) => b.trim() !== '').join('\n\n');
}
