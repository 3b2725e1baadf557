import { describe, expect, it } from 'vitest';
import { writeExplanation } from '../../../../src-main/engine/explain/render';
import { input, step, sub, term } from '../../../../src-main/engine/explain/expr';

// A negative figure is written with the minus sign (U+2212) in its value, as in the formula's
// substituted numbers beside it, whatever its unit: a loss band's low end, a cost difference, a count.
describe('explanation values and the minus sign', () => {
  const written = (unit: string) => {
    const a = input('a', 1, unit, 'a');
    const b = term('b', 3, unit, 'b');
    return writeExplanation({ figure: 'test', title: 'test', headline: [step('d', 'a − b', unit, sub(a, b))], citation: 'test', source: 'test' }).rows[0]!;
  };
  for (const unit of ['nats/token', 'USD', 'USD per device-hour', 'parameters', 'tokens', 'FLOPs', 'bytes', 'share', '×', 'GPU-hours', 'days', '1']) {
    it(`${unit}: −2 is written with U+2212, never a hyphen`, () => {
      const row = written(unit);
      expect(row.value, row.value).toMatch(/^−/);
      expect(row.value.replace('GPU-hours', '').replace('device-hour', '')).not.toContain('-');
    });
  }
});
