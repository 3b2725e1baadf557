import { describe, expect, it } from 'vitest';
import * as numbers from '../../../src-main/format/numbers';
import { parseNumber } from '../../../src-main/format/parse';

// Every function of the one formatting module that can be given a negative writes it with the minus
// sign (U+2212), never a hyphen: a page, the PDF, a CSV header and the CLI's text write −2 alike,
// and a value typed back from what they show reads as the same number. The functions are read from
// the module itself, so a new one is checked without being listed here.
const MINUS = '\u2212';

/** Functions that never write a negative, and why. */
const NO_NEGATIVE: Record<string, string> = {
  superscript: 'writes an exponent in superscript digits (⁻), not a figure',
  countTick: 'a log axis has no negative ticks',
  flopsTick: 'a log axis has no negative ticks',
  bytesTick: 'a log axis has no negative ticks',
  byteUnit: 'returns a unit and its divisor, not text',
  byteDivisor: 'takes a convention, not a figure',
  axisDivisor: 'takes an axis and its values, not a figure',
  gigabyteName: 'takes a convention, not a figure',
  byteConventionNote: 'takes a convention, not a figure',
  dateTime: 'a moment, not a signed quantity',
  productUnit: 'takes units, not a figure',
  unitInCell: 'takes a unit, not a figure',
  unitText: 'takes a unit, not a figure',
  csvUnitText: 'takes a unit, not a figure',
  prose: 'takes text (checked on its own below)',
};

/** The arguments after the figure, per function that needs them (each unit a figure can carry). */
const REST: Record<string, unknown[][]> = {
  decimals: [[0], [2]],
  bytes: [['binary'], ['decimal']],
  bytesIn: [['binary'], ['decimal', 'TB']],
  editableBytes: [['binary'], ['decimal']],
  quantity: [['parameters'], ['tokens'], ['FLOPs'], ['bytes'], ['share'], ['×'], ['GPU-hours'], ['days'], ['nats/token'], ['1'], ['']],
  quantityNumber: [['parameters'], ['FLOPs'], ['bytes'], ['share'], ['×'], ['GPU-hours'], ['days'], ['nats/token']],
  cell: [['parameters'], ['tokens'], ['FLOPs'], ['bytes'], ['share'], ['×'], ['nats per token'], ['experts'], ['dimensions'], ['GPU-hours'], ['1']],
};

const FIGURES = [-2, -0.25, -3e-5, -1234.5, -2e6, -7.5e13, -2.5e22];

const written = Object.entries(numbers).filter(([name, f]) => typeof f === 'function' && !(name in NO_NEGATIVE)) as Array<[string, (...a: unknown[]) => unknown]>;

describe('a negative figure starts with U+2212 in every formatting function', () => {
  it('checks the module’s functions, not a list of them', () => {
    expect(written.map(([n]) => n)).toEqual(expect.arrayContaining(['significant', 'decimals', 'count', 'flops', 'money', 'loss', 'percent', 'times', 'multiple', 'coefficient', 'editableNumber', 'quantity', 'cell']));
  });
  for (const [name, f] of written) {
    it(`${name}`, () => {
      for (const rest of REST[name] ?? [[]]) {
        for (const x of FIGURES) {
          const text = f(x, ...rest);
          const call = `${name}(${x}, ${rest.join(', ')})`;
          expect(typeof text, call).toBe('string');
          // a figure rounded to zero places (−0.25 as a whole number) is 0, unsigned
          if (/^0(\.0+)?$/.test(text as string)) continue;
          expect(text, call).toMatch(new RegExp(`^${MINUS}`));
          expect((text as string).replace('GPU-hours', ''), call).not.toContain('-');
        }
      }
    });
  }

  it('a − b = −2 in nats/token, USD, parameters and a bare number (the explanation test’s figures)', () => {
    expect(numbers.loss(1 - 3)).toBe(`${MINUS}2.000`);
    expect(numbers.money(1 - 3)).toBe(`${MINUS}$2.00`);
    expect(numbers.quantity(1 - 3, 'parameters')).toBe(`${MINUS}2 parameters`);
    expect(numbers.significant(1 - 3)).toBe(`${MINUS}2`);
  });

  it('free text in e-notation takes the minus sign for a negative figure, not for a hyphenated word', () => {
    expect(numbers.prose('α = -1.5e-3, see arXiv 2502-05172 and E-1')).toBe(`α = ${MINUS}1.5 × 10⁻³, see arXiv 2502-05172 and E-1`);
  });

  it('what an input shows reads back as the same number', () => {
    for (const x of FIGURES) {
      const r = parseNumber(numbers.editableNumber(x));
      expect(r.ok && r.value).toBeCloseTo(x, 6 - Math.floor(Math.log10(Math.abs(x))));
    }
  });

  it('zero and a negative that rounds to zero carry no sign', () => {
    expect(numbers.decimals(-0.001, 2)).toBe('0.00');
    expect(numbers.significant(0)).toBe('0');
  });
});
