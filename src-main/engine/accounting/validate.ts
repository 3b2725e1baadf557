/**
 * Input guards shared by the engine: a bad number must fail loudly with the field named,
 * because a NaN that slips through turns into a plausible-looking chart.
 */
export function requirePositiveFinite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${field} must be a positive finite number (got ${String(value)})`);
  }
  return value;
}

export function requireNonNegativeFinite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`${field} must be a non-negative finite number (got ${String(value)})`);
  }
  return value;
}

export function requirePositiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new Error(`${field} must be a positive integer (got ${String(value)})`);
  }
  return value;
}

/** Expert counts: at least one, every entry a positive integer, no duplicates. */
export function requireExpertList(list: unknown, field = 'experts'): number[] {
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${field} must be a non-empty list of expert counts`);
  const out = list.map((e, i) => requirePositiveInteger(e, `${field}[${i}]`));
  if (new Set(out).size !== out.length) throw new Error(`${field} must not repeat an expert count`);
  return out;
}
