/**
 * Input checks shared by the repositories. Zod does the work; the first issue becomes a
 * StoreError naming the field path, e.g. "name: must not be empty".
 */
import { z } from 'zod';
import type { LawId } from '../engine/common/coefficients';
import { StoreError } from './errors';

export const LAW_IDS = ['joint', 'leverage', 'comprehensive', 'dense-moe', 'chinchilla'] as const satisfies readonly LawId[];

export const nameSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');
export const notesSchema = z.string({ error: 'must be a string' }).max(100_000, 'must be at most 100000 characters');
export const idSchema = z.string({ error: 'must be a string' }).min(1, 'must not be empty');
export const finiteSchema = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number');
export const positiveSchema = finiteSchema.refine((v) => v > 0, 'must be greater than 0');
export const tagSchema = z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters');
export const wizardSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lower-case wizard id such as "compute"');
export const lawSchema = z.enum(LAW_IDS, { error: `must be one of ${LAW_IDS.join(', ')}` });
export const coefficientValuesSchema = z
  .record(z.string().min(1, 'value names must not be empty'), finiteSchema)
  .refine((v) => Object.keys(v).length > 0, 'must hold at least one value');

export function formatPath(path: readonly PropertyKey[], prefix?: string): string {
  let out = prefix ?? '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

export function parseInput<T>(schema: z.ZodType<T>, value: unknown, prefix?: string, code: 'invalid-input' | 'invalid-import' = 'invalid-input'): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = formatPath(issue?.path ?? [], prefix);
  throw new StoreError(code, `${field}: ${issue?.message ?? 'invalid'}`, { field });
}

export function requireId(value: unknown, field = 'id'): string {
  return parseInput(idSchema, value, field);
}

/** Tags as stored: the first spelling of each, compared case-insensitively (the column is NOCASE). */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const t of tags) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  return [...seen.values()];
}
