/**
 * Checks dispatch makes around the schemas, iteratively so that no payload can exhaust the stack:
 * how deep a request nests (zod, the store's JSON check and JSON.stringify all recurse), and
 * where an answer holds a number JSON cannot carry.
 */
import type { ContractErrorData } from './contract';

/** Deeper than any wizard's inputs or a project file (about 6 levels) will ever need. */
export const MAX_NESTING_DEPTH = 64;

type Path = Array<string | number>;

/** The path of the first value nested deeper than `limit`, or null. */
export function tooDeep(value: unknown, limit: number = MAX_NESTING_DEPTH): Path | null {
  const stack: Array<{ v: unknown; path: Path }> = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= limit) return path;
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, path: [...path, i] }));
    else for (const [k, item] of Object.entries(v)) stack.push({ v: item, path: [...path, k] });
  }
  return null;
}

export function nestingError(path: Path): ContractErrorData {
  const field = path.slice(0, 3).join('.');
  return {
    code: 'invalid-request',
    message: `${field}: nested more than ${MAX_NESTING_DEPTH} levels deep; no request needs that`,
    path: path.slice(0, 1),
  };
}

/** Where `value` holds NaN or ±Infinity, or null. */
export function nonFinitePath(value: unknown): Path | null {
  const stack: Array<{ v: unknown; path: Path }> = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'number' && !Number.isFinite(v)) return path;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, path: [...path, i] }));
    else for (const [k, item] of Object.entries(v)) stack.push({ v: item, path: [...path, k] });
  }
  return null;
}

/**
 * The request's numeric field farthest from 1 in orders of magnitude: when a result overflows or
 * underflows, that is the input to change. Null when the request holds no non-zero number.
 */
export function mostExtremeField(request: unknown): { path: Path; value: number } | null {
  let best: { path: Path; value: number; score: number } | null = null;
  const stack: Array<{ v: unknown; path: Path }> = [{ v: request, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'number' && v !== 0 && Number.isFinite(v)) {
      const score = Math.abs(Math.log10(Math.abs(v)));
      if (!best || score > best.score) best = { path, value: v, score };
    }
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, path: [...path, i] }));
    else for (const [k, item] of Object.entries(v)) stack.push({ v: item, path: [...path, k] });
  }
  return best && { path: best.path, value: best.value };
}

/** The last line of defence: an answer that is not a finite number is the inputs' fault, said so. */
export function nonFiniteResultError(channel: string, request: unknown, at: Path): ContractErrorData {
  const culprit = mostExtremeField(request);
  const where = at.join('.') || 'the result';
  if (!culprit) {
    return { code: 'invalid-request', message: `${channel}: these inputs give a result that is not a finite number (${where}).` };
  }
  const field = culprit.path.join('.');
  return {
    code: 'invalid-request',
    message:
      `${field}: ${culprit.value} is outside the range the laws can compute; ${channel} gives a result ` +
      `that is not a finite number (${where}). Use a value nearer a real training run.`,
    path: culprit.path,
  };
}
