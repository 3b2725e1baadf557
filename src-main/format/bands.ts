/** How uncertainty bands read: "E = 16 in 71 %, E = 32 in 29 %" and "1.2 B – 1.9 B". */

/** How often each E wins across bootstrap replicates, most frequent first as given. */
export function expertWins(wins: ReadonlyArray<{ experts: number; share: number }>): string {
  return wins.map((w) => `E = ${w.experts} in ${Math.round(w.share * 100)} %`).join(', ');
}

/** A band's two edges written with the same formatter. */
export function range(r: { low: number; high: number } | null | undefined, write: (x: number) => string): string {
  return r ? `${write(r.low)} – ${write(r.high)}` : '—';
}
