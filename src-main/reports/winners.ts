/**
 * "Which scenario wins on what" on page 1: each quantity ranked among the scenarios that have it
 * in the same unit and convention, whatever kind of scenario they are. A quantity's `scope`
 * separates conventions that share a name (GPU-hours of different devices, a bootstrap band
 * against a published fit error, a band narrowed in simulated refits against the linearised
 * law), so only like is ranked with like. Ties are read on the figure as written (two designs
 * whose FLOPs both read "1.0 × 10²²" tie); a scenario that could have the figure but lacks it is
 * named with why; a figure only one scenario has is not ranked, and the last line says so (the
 * figure itself is in that scenario's sentence).
 */

/** A ranked quantity: how its line starts, which way is better, how a figure is written. */
export interface Quantity {
  /** "Fewest training FLOPs" — the line's start. */
  label: string;
  /** A few words for "not ranked, no other scenario has …": "its band of training FLOPs". */
  what: string;
  lowest: boolean;
  show: (v: number) => string;
}

/** One scenario's figure (or why it has none) for a quantity, in one scope of its convention. */
export interface Figure {
  quantity: Quantity;
  /** Figures are ranked only with those of the same quantity and scope ('' when it has one convention). */
  scope?: string;
  /** The scope in words, appended to the label when it has one: "of NVIDIA H100 SXM". */
  scopeWords?: string;
  value: number | null;
  /** Why the value is null, in a few words: "not priced". */
  missing?: string;
  /** Words after the figure that do not decide a tie: "of 2,000 GPU-hours allowed". */
  note?: string;
}

export interface Scored {
  name: string;
  figures: Figure[];
}

/** "A", "A and B", "A, B and C". */
function names(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

interface Entry {
  name: string;
  value: number;
  /** The figure as written, which decides ties. */
  text: string;
  note: string;
}

/** The figures that read the same, best first: [[A, B], [C], …]. */
function ranked(entries: Entry[], lowest: boolean): Entry[][] {
  const sorted = [...entries].sort((a, b) => (lowest ? a.value - b.value : b.value - a.value));
  const groups: Entry[][] = [];
  for (const e of sorted) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.text === e.text) last.push(e);
    else groups.push([e]);
  }
  return groups;
}

/**
 * One line per quantity and scope that two or more scenarios have, in the order of `order` (the
 * quantities' labels; others after, as met), then the figures no other scenario has.
 */
export function winnerLines(scenarios: readonly Scored[], order: readonly string[] = []): string[] {
  if (scenarios.length < 2) return [];
  type Group = { quantity: Quantity; scopeWords: string; entries: Entry[]; missing: Map<string, string[]> };
  const groups = new Map<string, Group>();
  for (const s of scenarios) {
    for (const f of s.figures) {
      const key = `${f.quantity.label}\u0000${f.scope ?? ''}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { quantity: f.quantity, scopeWords: f.scopeWords ?? '', entries: [], missing: new Map() }));
      if (f.value !== null && Number.isFinite(f.value)) g.entries.push({ name: s.name, value: f.value, text: f.quantity.show(f.value), note: f.note ? ` ${f.note}` : '' });
      else if (f.missing) g.missing.set(f.missing, [...(g.missing.get(f.missing) ?? []), s.name]);
    }
  }
  const lines: string[] = [];
  const alone = new Map<string, string[]>();
  const rank = (g: Group) => (order.includes(g.quantity.label) ? order.indexOf(g.quantity.label) : order.length);
  for (const g of [...groups.values()].sort((a, b) => rank(a) - rank(b))) {
    const label = g.scopeWords ? `${g.quantity.label} ${g.scopeWords}` : g.quantity.label;
    if (g.entries.length < 2) {
      const only = g.entries[0];
      // Its figure is in its own sentence above; here only that it is not ranked.
      if (only) alone.set(only.name, [...(alone.get(only.name) ?? []), g.quantity.what]);
      continue;
    }
    const [top, next] = ranked(g.entries, g.quantity.lowest);
    const who = top!.length > 1 ? `${names(top!.map((e) => e.name))} tie` : top![0]!.name;
    // A tie's note differs per scenario (each its own allowance), so it is written only for one scenario.
    const parts = [top!.length > 1 ? top![0]!.text : top![0]!.text + top![0]!.note];
    if (next) parts.push(`next ${names(next.map((e) => e.name))}, ${next.length > 1 ? next[0]!.text : next[0]!.text + next[0]!.note}`);
    for (const [why, list] of g.missing) parts.push(`${why}: ${names(list)}`);
    lines.push(`${label}: ${who} (${parts.join('; ')}).`);
  }
  if (alone.size) lines.push(`Not ranked, as no other scenario has the figure: ${[...alone].map(([name, what]) => `${name} (${names(what)})`).join('; ')}.`);
  return lines;
}
