/**
 * Table cells in the PDF break at ordinary spaces only: never after the "/" of a unit, never inside
 * a figure, never between a figure and its unit, unless that one group is wider than the column.
 * Widths here are characters (a monospace measure), so each expectation is counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { bindFigures, wrapCell } from '../../../src-main/reports/line-breaks';

const mono = (s: string) => s.length;
const shown = (s: string) => s.replaceAll('\u00a0', ' ').split('\n');

describe('wrapCell', () => {
  it('keeps "tokens/param" whole where UAX 14 would break after the "/"', () => {
    expect(shown(wrapCell('Tokens per active parameter (tokens/param)', 20, mono))).toEqual(['Tokens per active', 'parameter', '(tokens/param)']);
  });

  it('keeps a figure with its power of ten and its unit', () => {
    expect(shown(wrapCell('Training compute 1.0 × 10²² FLOPs', 17, mono))).toEqual(['Training compute', '1.0 × 10²² FLOPs']);
    expect(shown(wrapCell('12.3 B active of 496 B total', 10, mono))).toEqual(['12.3 B', 'active of', '496 B', 'total']);
  });

  it('every line fits, the words are the text’s own in order, and a break falls at a space of the text', () => {
    const text = 'FLOP savings against dense (E = 1), 1 − F/F_dense at 3.1 × 10²³ FLOPs on 512 × NVIDIA H100 SXM for 30 days';
    for (let width = 16; width <= 60; width++) {
      const lines = shown(wrapCell(text, width, mono));
      expect(lines.join(' '), `width ${width}`).toBe(text);
      for (const line of lines) expect(line.length, `width ${width}: "${line}"`).toBeLessThanOrEqual(width);
      for (const [i, line] of lines.slice(0, -1).entries()) {
        expect(line, `width ${width}`).not.toMatch(/\/$|\d ×$/);
        // No group of this text is wider than 16, so no figure ever leaves its unit or power of ten.
        if (/\d$/.test(line)) expect(lines[i + 1], `width ${width}: after "${line}"`).not.toMatch(/^(×|10²³|FLOPs|days|NVIDIA)/);
      }
    }
  });

  it('a group wider than the column is broken at its bound spaces, not inside a word', () => {
    expect(shown(wrapCell('369,000 GPU-hours', 10, mono))).toEqual(['369,000', 'GPU-hours']);
  });

  it('keeps the lines it was given', () => {
    expect(shown(wrapCell('a b\nc d', 80, mono))).toEqual(['a b', 'c d']);
  });
});

describe('bindFigures', () => {
  it('binds a figure to its unit and the spaces around × after a figure, and nothing else', () => {
    const bound = (s: string) => bindFigures(s).replaceAll('\u00a0', '_');
    expect(bound('1.0 × 10²² FLOPs of 512 × NVIDIA H100')).toBe('1.0_×_10²²_FLOPs of 512_×_NVIDIA H100');
    expect(bound('12.3 B active, 30 days, 80 GiB, 2.06 nats/token, 71 %')).toBe('12.3_B active, 30_days, 80_GiB, 2.06_nats/token, 71_%');
    // every unit the formatter writes after a scaled figure, in both byte conventions, and a rate
    expect(bound('512 kB, 4 KiB, 3 EB, 1 EiB, 456 M, 1.45 T, 9.9 × 10¹⁴ FLOP/s')).toBe('512_kB, 4_KiB, 3_EB, 1_EiB, 456_M, 1.45_T, 9.9_×_10¹⁴_FLOP/s');
    expect(bound('E = 64 in 8 steps')).toBe('E = 64 in 8 steps');
  });
});
