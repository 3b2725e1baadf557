/**
 * Root of c3·x³ + c2·x² + c1·x = y for x > 0 with non-negative coefficients and y > 0.
 * Such a polynomial is increasing and convex on x > 0, so the root is unique and Newton started
 * to its right descends monotonically onto it; this avoids the cancellation Cardano's formula
 * suffers when the linear term dominates (small models, where the embedding dwarfs the blocks).
 */
export function solveIncreasingCubic(c3: number, c2: number, c1: number, y: number): number {
  if (!(c3 >= 0 && c2 >= 0 && c1 >= 0) || c3 + c2 + c1 <= 0) {
    throw new Error('solveIncreasingCubic needs non-negative coefficients, not all zero');
  }
  if (!(y > 0) || !Number.isFinite(y)) throw new Error(`solveIncreasingCubic needs a positive finite target (got ${y})`);
  // Each term alone reaching y bounds the root from above, so the smallest such bound starts Newton on the right.
  let x = Infinity;
  if (c1 > 0) x = Math.min(x, y / c1);
  if (c2 > 0) x = Math.min(x, Math.sqrt(y / c2));
  if (c3 > 0) x = Math.min(x, Math.cbrt(y / c3));
  for (let i = 0; i < 200; i++) {
    const f = ((c3 * x + c2) * x + c1) * x - y;
    const df = (3 * c3 * x + 2 * c2) * x + c1;
    const next = x - f / df;
    // Rounding can push an iterate a hair past the root; from there on the answer is as good as it gets.
    if (!(next < x) || x - next <= x * 1e-16) return next > 0 && next < x ? next : x;
    x = next;
  }
  return x;
}
