import { describe, expect, it } from 'vitest';
import { extrapolationWords } from '../../../src-main/reports/decision';

// Page 1's extrapolation line names each quantity in a planner's words: a variable the report's own
// list does not name is written with the words the flag carries, never its field id.
describe('extrapolationWords', () => {
  it("writes a next-run flag's target budget in words, not 'targetFlops'", () => {
    const text = extrapolationWords([
      {
        code: 'next-run-target-beyond-runs',
        severity: 'warning',
        message: 'target budget against the largest stored run is 29,000× above the fitted range',
        variable: 'targetFlops',
        quantity: 'target budget against the largest stored run',
        value: 2.9e4,
        range: { max: 1 },
        factor: 2.9e4,
        extent: 'far',
      } as never,
    ]);
    expect(text).not.toContain('targetFlops');
    expect(text).toMatch(/^Far outside \(beyond 10×\): a trend, not a number: target budget against the largest stored run 2\.90 × 10⁴× above\.$/);
  });
});
