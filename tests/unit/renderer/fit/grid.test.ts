import { describe, expect, it } from 'vitest';
import { gridToText, parseGrid } from '../../../../src-renderer/components/fit/grid';

describe('the fit start grid as text', () => {
  it('writes values as a person reads them and reads its own text back', () => {
    const grid = { e: [-1, -0.5, 0, 0.5, 1], a: [0, 5, 10], alpha: [0.1, 0.2], delta: [0.0003] };
    const text = gridToText(grid);
    expect(text).toBe('e: −1, −0.5, 0, 0.5, 1\na: 0, 5, 10\nalpha: 0.1, 0.2\ndelta: 3 × 10⁻⁴');
    const back = parseGrid(text, null);
    expect(back).toEqual({ ok: true, grid, starts: 1 });
  });

  it('reads values separated by spaces, and names the line of a value that is not a number', () => {
    expect(parseGrid('a: 0 5 10', null)).toEqual({ ok: true, grid: { a: [0, 5, 10] }, starts: 1 });
    expect(parseGrid('a: 0, 5\nb: 1, x', null)).toEqual({ ok: false, message: 'Grid line 2 (b): values must be numbers' });
  });
});
