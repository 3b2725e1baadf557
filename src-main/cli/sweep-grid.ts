/**
 * The grid of `moe-workbench sweep`: axis values read from the command line (a list
 * `1e20,1e21`, a range with a count `1e20..1e24` + `--count 5`, or a range with a step
 * `1e20..1e24*10`, `1024..8192+1024`), and their cartesian product. Everything is checked
 * here, before a single plan runs; a problem names its option.
 */
import { parseBytes, parseNumber, type ParseResult } from '../format';
import { UsageError } from './args';

/** Above this many plans a sweep is refused: split it instead (each plan is a few ms). */
export const MAX_SWEEP_PLANS = 100_000;
const MAX_AXIS = 10_000;

type Reader = (text: string, what: string) => ParseResult;

const RANGE = /^(.+?)\.\.(.+?)(?:([*+])([^*+]+))?$/;

/** One axis: a comma list, or a range `lo..hi` stepped by `*k`, `+k` or (log-spaced) `count` points. */
export function parseAxis(raw: string, option: string, count: number | undefined, read: Reader = parseNumber): number[] {
  const what = `--${option}`;
  const one = (text: string) => {
    const r = read(text.trim(), what);
    if (!r.ok) throw new UsageError(r.message);
    return r.value;
  };
  const m = RANGE.exec(raw.trim());
  if (!m) {
    const values = raw.split(',').filter((t) => t.trim() !== '').map(one);
    if (values.length === 0) throw new UsageError(`${what} is empty`);
    if (values.length > MAX_AXIS) throw new UsageError(`${what} lists ${values.length} values; at most ${MAX_AXIS}`);
    return values;
  }
  const [, loText, hiText, op, stepText] = m;
  const lo = one(loText!);
  const hi = one(hiText!);
  if (!(hi >= lo)) throw new UsageError(`${what}: the range ${raw} runs backwards (${lo} > ${hi})`);
  if (op) {
    const step = Number(parseNumberOrThrow(stepText!, `${what} step`));
    if (op === '*' && !(step > 1)) throw new UsageError(`${what}: the step *${stepText} must be more than 1`);
    if (op === '+' && !(step > 0)) throw new UsageError(`${what}: the step +${stepText} must be more than 0`);
    const values: number[] = [];
    const tol = 1 + 1e-9;
    for (let k = 0, v = lo; v <= hi * tol; k++, v = op === '*' ? lo * step ** k : lo + step * k) {
      if (values.length >= MAX_AXIS) throw new UsageError(`${what}: the range ${raw} has more than ${MAX_AXIS} values`);
      values.push(v);
    }
    return values;
  }
  if (count === undefined) throw new UsageError(`${what}: the range ${raw} needs a step (${loText}..${hiText}*10) or --count N`);
  if (count === 1) return [lo];
  if (!(lo > 0)) throw new UsageError(`${what}: a log-spaced range needs a positive start (got ${lo})`);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? hi : lo * (hi / lo) ** (i / (count - 1))));
}

function parseNumberOrThrow(text: string, what: string): number {
  const r = parseNumber(text.trim(), what);
  if (!r.ok) throw new UsageError(r.message);
  return r.value;
}

export const parseBytesAxis = (raw: string, option: string, count: number | undefined) => parseAxis(raw, option, count, parseBytes);

/** Every combination of the axes, first axis slowest (so rows come out grouped by budget). */
export function cartesian<T extends Record<string, readonly unknown[]>>(axes: T): Array<{ [K in keyof T]: T[K][number] }> {
  let out: Array<Record<string, unknown>> = [{}];
  for (const [key, values] of Object.entries(axes)) {
    const next: Array<Record<string, unknown>> = [];
    for (const partial of out) for (const v of values) next.push({ ...partial, [key]: v });
    out = next;
  }
  return out as Array<{ [K in keyof T]: T[K][number] }>;
}
