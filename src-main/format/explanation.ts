/**
 * A "How was this computed?" explanation as plain lines (the CLI's --explain and the report's
 * appendix): each step's formula, the same with the values substituted, its value, then the
 * values given, the coefficients and the citation. Its numbers are already written by the engine.
 */
export interface ExplanationText {
  title: string;
  equations: readonly string[];
  rows: ReadonlyArray<{ symbol: string; meaning: string; formula: string; substituted: string; value: string }>;
  inputs: ReadonlyArray<{ symbol: string; value: string }>;
  coefficients: ReadonlyArray<{ symbol: string; value: string }>;
  citation: string;
  source: string;
  coefficientSet: { name: string } | null;
  note: string | null;
  data?: { caption: string; columns: readonly string[]; rows: ReadonlyArray<readonly string[]> } | null;
}

/** The lines under an explanation's formulas: the values given, the coefficients and the source (the app, the CLI and the report write the same). */
export function explanationFooter(w: ExplanationText): string[] {
  const lines: string[] = [];
  if (w.inputs.length) lines.push(`Values: ${w.inputs.map((i) => `${i.symbol} = ${i.value}`).join(', ')}`);
  if (w.coefficients.length) lines.push(`Coefficients${w.coefficientSet ? ` (${w.coefficientSet.name})` : ''}: ${w.coefficients.map((c) => `${c.symbol} = ${c.value}`).join(', ')}`);
  lines.push(`Source: ${w.citation}; ${w.source}`);
  return lines;
}

export function explanationLines(w: ExplanationText, indent = '  '): string[] {
  const lines = [w.title];
  for (const e of w.equations) lines.push(`${indent}${e}`);
  for (const r of w.rows) {
    lines.push(`${indent}${r.symbol} = ${r.formula}`);
    if (r.substituted !== r.formula) lines.push(`${indent}${' '.repeat(r.symbol.length)} = ${r.substituted}`);
    lines.push(`${indent}${' '.repeat(r.symbol.length)} = ${r.value}${r.meaning ? `   (${r.meaning})` : ''}`);
  }
  for (const l of explanationFooter(w)) lines.push(`${indent}${l}`);
  if (w.note) lines.push(`${indent}Note: ${w.note}`);
  if (w.data) {
    lines.push(`${indent}${w.data.caption}:`);
    lines.push(`${indent}${w.data.columns.join(' | ')}`);
    for (const r of w.data.rows) lines.push(`${indent}${r.join(' | ')}`);
  }
  return lines;
}
