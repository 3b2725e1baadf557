/**
 * "How was this computed?": a figure as an expression tree the engine can both evaluate and write
 * out, symbolically ("L = m·N_act^μ + n·D^ν + c") and with the user's values substituted. The
 * builders (explain/*.ts) assemble the trees from the same coefficient readers and term functions
 * the laws use, and a test evaluates every tree against the engine's own figure over random
 * inputs, so an explanation cannot quietly drift from the number it explains.
 */

/** A number in a formula: a coefficient of the law, a value the user gave, a literal of the formula, or a term the engine computes elsewhere. */
export interface Leaf {
  op: 'leaf';
  role: 'coefficient' | 'input' | 'literal' | 'term';
  value: number;
  /** Absent for literals, which are written as numbers in both forms. */
  symbol?: string;
  meaning?: string;
  unit?: string;
}

/** A named intermediate quantity, shown as its own row and referred to by its symbol. */
export interface Step {
  symbol: string;
  /** The left-hand side of the headline equation, e.g. "L(N_act, D, E)"; defaults to the symbol. */
  signature?: string;
  meaning: string;
  unit: string;
  expr: Expr;
  /** Written out in place (not by its symbol) in the expanded headline equation. */
  inline?: boolean;
}

export type Expr =
  | Leaf
  | { op: 'ref'; step: Step }
  | { op: 'add' | 'mul' | 'min' | 'max'; args: Expr[] }
  | { op: 'sub' | 'div' | 'pow'; a: Expr; b: Expr }
  | { op: 'neg' | 'ln' | 'log2' | 'log10' | 'exp' | 'ceil' | 'floor' | 'sqrt'; a: Expr };

type Operand = Expr | Step | number;

const isStep = (x: Operand): x is Step => typeof x === 'object' && 'expr' in x;
const toExpr = (x: Operand): Expr => (typeof x === 'number' ? lit(x) : isStep(x) ? { op: 'ref', step: x } : x);

export const lit = (value: number): Leaf => ({ op: 'leaf', role: 'literal', value });
export const coef = (symbol: string, value: number, meaning?: string): Leaf => ({ op: 'leaf', role: 'coefficient', symbol, value, ...(meaning ? { meaning } : {}) });
export const input = (symbol: string, value: number, unit: string, meaning: string): Leaf => ({ op: 'leaf', role: 'input', symbol, value, unit, meaning });
export const term = (symbol: string, value: number, unit: string, meaning: string): Leaf => ({ op: 'leaf', role: 'term', symbol, value, unit, meaning });

export const add = (...args: Operand[]): Expr => ({ op: 'add', args: args.map(toExpr) });
export const mul = (...args: Operand[]): Expr => ({ op: 'mul', args: args.map(toExpr) });
export const min = (...args: Operand[]): Expr => ({ op: 'min', args: args.map(toExpr) });
export const max = (...args: Operand[]): Expr => ({ op: 'max', args: args.map(toExpr) });
export const sub = (a: Operand, b: Operand): Expr => ({ op: 'sub', a: toExpr(a), b: toExpr(b) });
export const div = (a: Operand, b: Operand): Expr => ({ op: 'div', a: toExpr(a), b: toExpr(b) });
export const pow = (a: Operand, b: Operand): Expr => ({ op: 'pow', a: toExpr(a), b: toExpr(b) });
export const neg = (a: Operand): Expr => ({ op: 'neg', a: toExpr(a) });
export const ln = (a: Operand): Expr => ({ op: 'ln', a: toExpr(a) });
export const log2 = (a: Operand): Expr => ({ op: 'log2', a: toExpr(a) });
export const log10 = (a: Operand): Expr => ({ op: 'log10', a: toExpr(a) });
export const exp = (a: Operand): Expr => ({ op: 'exp', a: toExpr(a) });
export const ceil = (a: Operand): Expr => ({ op: 'ceil', a: toExpr(a) });
export const floor = (a: Operand): Expr => ({ op: 'floor', a: toExpr(a) });
export const sqrt = (a: Operand): Expr => ({ op: 'sqrt', a: toExpr(a) });

export function step(symbol: string, meaning: string, unit: string, expr: Operand, opts: { inline?: boolean; signature?: string } = {}): Step {
  return { symbol, meaning, unit, expr: toExpr(expr), ...opts };
}

export function evaluate(e: Expr | Step): number {
  if ('expr' in e) return evaluate(e.expr);
  switch (e.op) {
    case 'leaf':
      return e.value;
    case 'ref':
      return evaluate(e.step.expr);
    case 'add':
      return e.args.reduce((s, a) => s + evaluate(a), 0);
    case 'mul':
      return e.args.reduce((p, a) => p * evaluate(a), 1);
    case 'min':
      return Math.min(...e.args.map(evaluate));
    case 'max':
      return Math.max(...e.args.map(evaluate));
    case 'sub':
      return evaluate(e.a) - evaluate(e.b);
    case 'div':
      return evaluate(e.a) / evaluate(e.b);
    case 'pow':
      return Math.pow(evaluate(e.a), evaluate(e.b));
    case 'neg':
      return -evaluate(e.a);
    case 'ln':
      return Math.log(evaluate(e.a));
    case 'log2':
      return Math.log2(evaluate(e.a));
    case 'log10':
      return Math.log10(evaluate(e.a));
    case 'exp':
      return Math.exp(evaluate(e.a));
    case 'ceil':
      return Math.ceil(evaluate(e.a));
    case 'floor':
      return Math.floor(evaluate(e.a));
    case 'sqrt':
      return Math.sqrt(evaluate(e.a));
  }
}

/** The sub-expressions of a node (a reference's step is walked by the caller, so shared steps are seen once). */
function children(e: Expr): Expr[] {
  switch (e.op) {
    case 'leaf':
    case 'ref':
      return [];
    case 'add':
    case 'mul':
    case 'min':
    case 'max':
      return e.args;
    case 'sub':
    case 'div':
    case 'pow':
      return [e.a, e.b];
    default:
      return [e.a];
  }
}

/** Walks the headline figures' trees depth-first, entering each step once. */
function walk(headline: readonly Step[], onLeaf: (l: Leaf) => void, onStep: (s: Step) => void): void {
  const seen = new Set<Step>();
  const visit = (e: Expr): void => {
    if (e.op === 'leaf') return onLeaf(e);
    if (e.op === 'ref') {
      if (seen.has(e.step)) return;
      seen.add(e.step);
      visit(e.step.expr);
      return onStep(e.step);
    }
    children(e).forEach(visit);
  };
  headline.forEach((h) => visit(h.expr));
}

/** Every step the headline figures depend on, each after the steps it uses, the headline ones last. */
export function stepsOf(headline: readonly Step[]): Step[] {
  const out: Step[] = [];
  const headlineSet = new Set(headline);
  walk(headline, () => undefined, (s) => out.push(s));
  return [...out.filter((s) => !headlineSet.has(s)), ...headline];
}

/** Every leaf of a kind the headline figures use, once per symbol, in order of first use. */
export function leavesOf(headline: readonly Step[], role: Leaf['role']): Leaf[] {
  const out = new Map<string, Leaf>();
  walk(headline, (l) => {
    if (l.role === role && l.symbol && !out.has(l.symbol)) out.set(l.symbol, l);
  }, () => undefined);
  return [...out.values()];
}
