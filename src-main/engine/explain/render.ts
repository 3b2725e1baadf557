/**
 * Writes an explanation for people: each step's formula in symbols, the same formula with the
 * user's values substituted, and its value, every number through `src-main/format` (planner units,
 * real superscripts; an exponent that is not a single symbol sits in brackets, so no caret ever
 * meets a digit).
 */
import * as fmt from '../../format';
import type { ByteConvention } from '../../format';
import { evaluate, leavesOf, stepsOf, type Expr, type Leaf, type Step } from './expr';

export interface Explanation {
  /** Which figure this explains (an `EXPLAINED_FIGURES` id). */
  figure: string;
  title: string;
  /** The figures the reader asked about, in order; every step they use is shown before them. */
  headline: Step[];
  /** Who published the formula (a coefficient set's citation, or the reference the engine cites). */
  citation: string;
  /** Where in that work: equation, table, section. */
  source: string;
  coefficientSet?: { id: string; name: string };
  /** What the formula leaves out or assumes, when it matters to the reader. */
  note?: string;
  /** The values the figures are taken over, when they are many (a bootstrap band's refits): one row each. */
  data?: ExplanationData;
}

export interface ExplanationData {
  caption: string;
  /** Each column's header (with its unit word) and the unit its cells are written in. */
  columns: Array<{ header: string; unit: string }>;
  rows: number[][];
}

export interface ExplanationRow {
  symbol: string;
  meaning: string;
  /** The right-hand side in symbols. */
  formula: string;
  /** The right-hand side with the user's values and the coefficients substituted. */
  substituted: string;
  /** The result with its unit. */
  value: string;
  /** The result as a raw number (for --json and checks). */
  raw: number;
  headline: boolean;
}

export interface WrittenExplanation {
  figure: string;
  title: string;
  /** Each headline figure's equation with the per-step symbols written out, e.g. Eq. 6 for the joint loss. */
  equations: string[];
  rows: ExplanationRow[];
  inputs: { symbol: string; meaning: string; value: string }[];
  coefficients: { symbol: string; value: string }[];
  citation: string;
  source: string;
  coefficientSet: { id: string; name: string } | null;
  note: string | null;
  /** The values the figures are taken over, written in planner units (`raw` keeps the numbers). */
  data: { caption: string; columns: string[]; rows: string[][]; raw: number[][] } | null;
}

type Mode = 'symbolic' | 'expanded' | 'substituted';
interface Written {
  text: string;
  /** 1 sum, 1.5 a number with a unit or a power of ten, 2 product, 3 negation, 4 power, 4.5 a function of a bracket, 5 atom. */
  prec: number;
}

// Every figure comes from src-main/format, which writes a negative with this minus sign.
const MINUS = fmt.MINUS;

/**
 * A value in its unit's planner form, without the unit word (formulas): the figure as the value
 * column and the pages show it (fmt.quantityNumber), so a step used in a later formula reads the
 * same there ("7,020", not "7,019").
 */
function bare(x: number, unit: string | undefined, convention: ByteConvention): string {
  switch (unit) {
    case 'USD':
    case 'USD per device-hour':
      return fmt.money(x);
    case 'nats/token':
      return fmt.loss(x);
    case 'dimensions':
      // a built model's width is exact (4,096, not "4,096" rounded to "4,100" at 16,384)
      return Number.isInteger(x) ? fmt.whole(x) : fmt.significant(x, 4);
    default:
      return fmt.quantityNumber(x, unit ?? '', convention);
  }
}

/** A value with its unit word (the value column). */
function withUnit(x: number, unit: string, convention: ByteConvention): string {
  if (unit === 'USD') return fmt.money(x);
  if (unit === 'USD per device-hour') return `${fmt.money(x)} per device-hour`;
  if (unit === 'nats/token') return `${fmt.loss(x)} nats/token`;
  if (unit === 'dimensions') return bare(x, unit, convention);
  return fmt.quantity(x, unit, convention);
}

function number(t: string): Written {
  return { text: t, prec: t.startsWith(MINUS) ? 3 : t.includes(' ') ? 1.5 : 5 };
}

const paren = (w: Written, below: number) => (w.prec < below ? `(${w.text})` : w.text);
const isWord = (text: string) => /^[\p{L}][\p{L}\p{M}\w]*$/u.test(text);

function writeLeaf(l: Leaf, mode: Mode, convention: ByteConvention): Written {
  if (l.role === 'literal') return number(fmt.coefficient(l.value));
  if (mode !== 'substituted') return { text: l.symbol ?? fmt.coefficient(l.value), prec: 5 };
  return number(l.role === 'coefficient' ? fmt.coefficient(l.value) : bare(l.value, l.unit, convention));
}

function write(e: Expr, mode: Mode, convention: ByteConvention): Written {
  const w = (x: Expr) => write(x, mode, convention);
  switch (e.op) {
    case 'leaf':
      return writeLeaf(e, mode, convention);
    case 'ref':
      if (mode === 'expanded' && e.step.inline) return w(e.step.expr);
      if (mode === 'substituted') return number(bare(evaluate(e.step), e.step.unit, convention));
      return { text: e.step.symbol, prec: 5 };
    case 'add': {
      const parts = e.args.map(w);
      const text = parts
        .map((p, i) => (i === 0 ? p.text : p.text.startsWith(MINUS) ? ` ${MINUS} ${p.text.slice(1)}` : ` + ${p.text}`))
        .join('');
      return { text, prec: 1 };
    }
    case 'sub': {
      const b = w(e.b);
      return { text: `${w(e.a).text} ${MINUS} ${b.prec <= 1 || b.text.startsWith(MINUS) ? `(${b.text})` : b.text}`, prec: 1 };
    }
    case 'mul':
      return {
        text: e.args
          .map(w)
          .map((p, i) => (p.prec < 2 || (i > 0 && p.text.startsWith(MINUS)) ? `(${p.text})` : p.text))
          .join('·'),
        prec: 2,
      };
    case 'div': {
      const a = w(e.a);
      const b = w(e.b);
      return { text: `${paren(a, 2)}/${b.prec <= 2 || b.text.startsWith(MINUS) ? `(${b.text})` : b.text}`, prec: 2 };
    }
    case 'pow': {
      const base = paren(w(e.a), 5);
      if (e.b.op === 'leaf' && e.b.role === 'literal' && Number.isInteger(e.b.value)) return { text: `${base}${fmt.superscript(e.b.value)}`, prec: 4 };
      const x = w(e.b);
      return { text: `${base}^${x.prec === 5 && isWord(x.text) ? x.text : `(${x.text})`}`, prec: 4 };
    }
    case 'neg': {
      const a = w(e.a);
      // A negative value negated reads "−(−0.117)", never "−−0.117".
      return { text: `${MINUS}${a.prec < 3 || a.text.startsWith(MINUS) ? `(${a.text})` : a.text}`, prec: 3 };
    }
    case 'ln':
    case 'log2':
    case 'log10': {
      const name = e.op === 'ln' ? 'ln' : e.op === 'log2' ? 'log₂' : 'log₁₀';
      const a = w(e.a);
      return a.prec === 5 && isWord(a.text) ? { text: `${name} ${a.text}`, prec: 4 } : { text: `${name}(${a.text})`, prec: 4.5 };
    }
    case 'exp':
      return { text: `exp(${w(e.a).text})`, prec: 5 };
    case 'ceil':
      return { text: `⌈${w(e.a).text}⌉`, prec: 5 };
    case 'floor':
      return { text: `⌊${w(e.a).text}⌋`, prec: 5 };
    case 'sqrt':
      return { text: `√(${w(e.a).text})`, prec: 5 };
    case 'min':
    case 'max':
      return { text: `${e.op}(${e.args.map((a) => w(a).text).join(', ')})`, prec: 5 };
  }
}

export function writeExplanation(x: Explanation, convention: ByteConvention = fmt.DEFAULT_BYTE_CONVENTION): WrittenExplanation {
  const headline = new Set(x.headline);
  const rows = stepsOf(x.headline).map((s): ExplanationRow => {
    const raw = evaluate(s);
    return {
      symbol: s.symbol,
      meaning: s.meaning,
      formula: write(s.expr, 'symbolic', convention).text,
      substituted: write(s.expr, 'substituted', convention).text,
      value: withUnit(raw, s.unit, convention),
      raw,
      headline: headline.has(s),
    };
  });
  const described = (l: Leaf) => ({ symbol: l.symbol ?? '', meaning: l.meaning ?? '', value: withUnit(l.value, l.unit ?? '1', convention) });
  return {
    figure: x.figure,
    title: x.title,
    equations: x.headline.map((s) => `${s.signature ?? s.symbol} = ${write(s.expr, 'expanded', convention).text}`),
    rows,
    inputs: [...leavesOf(x.headline, 'input'), ...leavesOf(x.headline, 'term')].map(described),
    coefficients: leavesOf(x.headline, 'coefficient').map((l) => ({ symbol: l.symbol ?? '', value: fmt.coefficient(l.value) })),
    citation: x.citation,
    source: x.source,
    coefficientSet: x.coefficientSet ?? null,
    note: x.note ?? null,
    data: x.data
      ? { caption: x.data.caption, columns: x.data.columns.map((c) => c.header), rows: x.data.rows.map((r) => r.map((v, i) => bare(v, x.data!.columns[i]!.unit, convention))), raw: x.data.rows }
      : null,
  };
}
