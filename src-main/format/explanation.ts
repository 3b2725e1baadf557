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
}

export function explanationLines(w: ExplanationText, indent = '  '): string[] {
  const lines = [w.title];
  for (const e of w.equations) lines.push(`${indent}${e}`);
  for (const r of w.rows) {
    lines.push(`${indent}${r.symbol} = ${r.formula}`);
    if (r.substituted !== r.formula) lines.push(`${indent}${' '.repeat(r.symbol.length)} = ${r.substituted}`);
    lines.push(`${indent}${' '.repeat(r.symbol.length)} = ${r.value}${r.meaning ? `   (${r.meaning})` : ''}`);
  }
  if (w.inputs.length) lines.push(`${indent}Values: ${w.inputs.map((i) => `${i.symbol} = ${i.value}`).join(', ')}`);
  if (w.coefficients.length) lines.push(`${indent}Coefficients${w.coefficientSet ? ` (${w.coefficientSet.name})` : ''}: ${w.coefficients.map((c) => `${c.symbol} = ${c.value}`).join(', ')}`);
  lines.push(`${indent}Source: ${w.citation}; ${w.source}`);
  if (w.note) lines.push(`${indent}Note: ${w.note}`);
  return lines;
}
