import { describe, expect, it } from 'vitest';
import hardwareSeed from '../../../resources/seed/hardware-profiles.json';

describe('hardware profile names', () => {
  it('state device memory, where they state it at all, in the unit of the number: GiB equal to the stored bytes / 2^30', () => {
    // Every label the product shows appends the memory computed from the bytes; a name repeats it only to tell variants apart.
    let withFigure = 0;
    for (const p of hardwareSeed.profiles) {
      expect(p.name, p.id).not.toMatch(/\d\s*(GB|TB|G)\b/);
      const m = /(\d+(?:\.\d+)?) GiB\b/.exec(p.name);
      if (!m) continue;
      withFigure++;
      expect(Number(m[1]), p.id).toBe(p.memoryBytesPerDevice / 2 ** 30);
    }
    // The A100 comes in two memory sizes, so its names must say which.
    expect(withFigure).toBeGreaterThanOrEqual(2);
  });
});
