import { describe, expect, it } from 'vitest';
import { summariseFlags, summaryLine, worstText } from '../../../src-main/format/flags';
import { jointFlags } from '../../../src-main/engine/joint';

const flag = (code: string, quantity: string, value: number, max: number) => ({
  code,
  severity: 'warning' as const,
  message: `${quantity} too high`,
  quantity,
  value,
  range: { max },
  factor: value / max,
  extent: (value / max <= 2 ? 'near' : value / max <= 10 ? 'outside' : 'far') as 'near' | 'outside' | 'far',
});

describe('the compact extrapolation summary', () => {
  it('stands inside with no flags, and at its worst extent otherwise, the largest factor first', () => {
    expect(summariseFlags([]).standing).toBe('inside');
    const s = summariseFlags([flag('a', 'experts', 48, 32), flag('b', 'training tokens', 400, 80)]);
    expect(s.standing).toBe('outside');
    expect(s.outside.map((q) => [q.quantity, q.factor, q.direction])).toEqual([
      ['training tokens', 5, 'above'],
      ['experts', 1.5, 'above'],
    ]);
    expect(summaryLine([flag('a', 'experts', 48, 32), flag('b', 'training tokens', 400, 80)])).toBe(
      'outside the fitted range (2×–10×): training tokens 5.00× above, experts 1.50× above',
    );
  });

  it('keeps one entry per code (its largest factor) and counts notes without a factor apart', () => {
    const s = summariseFlags([flag('a', 'experts', 40, 32), flag('a', 'experts', 640, 32), { code: 'n', severity: 'info' as const, message: 'a note' }]);
    expect(s.outside).toHaveLength(1);
    expect(s.outside[0]!.factor).toBe(20);
    expect(s.standing).toBe('far');
    expect(s.notes.map((n) => n.code)).toEqual(['n']);
    expect(worstText([flag('a', 'experts', 640, 32), flag('b', 'training tokens', 100, 80)])).toBe('far: experts 20.0× above (+1 more)');
  });

  it('reads the engine’s flags: below a minimum, and away from the nearest run', () => {
    expect(summariseFlags(jointFlags({ tokens: 0.1e9 })).outside[0]).toMatchObject({ direction: 'below', factor: 5, extent: 'outside' });
    const far = summariseFlags(jointFlags({ experts: 16, nAct: 2.5e9, nTotal: 4.9e9, tokens: 8e9 })).outside[0]!;
    expect(far.direction).toBe('away');
    expect(far.quantity).toMatch(/nearest fitted run/);
  });
});
