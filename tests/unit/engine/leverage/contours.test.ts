import { describe, expect, it } from 'vitest';
import { defaultContourAxes, leverageContours } from '../../../../src-main/engine/leverage';

describe('EL contours over (A, G)', () => {
  it('returns a rows-by-activation grid whose maximum per row sits at the best G column', () => {
    const axes = defaultContourAxes(61);
    const grid = leverageContours({ flops: 1e21, ...axes });
    expect(grid.el).toHaveLength(61);
    for (const row of grid.el) expect(row).toHaveLength(61);
    // Best G ≈ 11.34 regardless of A: the argmax column is the grid point closest to it in log2.
    const closest = axes.granularities.reduce(
      (b, g, j) => (Math.abs(Math.log2(g) - 3.503) < Math.abs(Math.log2(axes.granularities[b]!) - 3.503) ? j : b),
      0,
    );
    for (const row of grid.el.slice(0, 50)) {
      expect(row.indexOf(Math.max(...row))).toBe(closest);
    }
    // EL falls as A rises (rows ordered by rising A) at a large budget.
    for (let j = 0; j < 61; j++) {
      for (let i = 1; i < 61; i++) expect(grid.el[i]![j]!).toBeLessThan(grid.el[i - 1]![j]!);
    }
  });

  it('the default axes stay inside the fitted range; a wider grid is flagged', () => {
    expect(leverageContours({ flops: 1e20, ...defaultContourAxes() }).flags).toEqual([]);
    const wide = leverageContours({ flops: 1e20, activations: [0.001, 0.5], granularities: [1, 32] });
    expect(wide.flags.map((f) => f.code).sort()).toEqual([
      'leverage-activation-below-fitted',
      'leverage-granularity-above-fitted',
      'leverage-granularity-below-fitted',
    ]);
  });

  it('rejects empty or invalid axes, naming the field', () => {
    expect(() => leverageContours({ flops: 1e20, activations: [], granularities: [8] })).toThrow(/activations/);
    expect(() => leverageContours({ flops: 1e20, activations: [0.1], granularities: [8, -2] })).toThrow(/granularities\[1\]/);
  });
});
