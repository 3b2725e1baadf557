/**
 * Reading JSON an earlier version of the app saved (results snapshots, scenario inputs): a kind
 * lists its versions newest first, each with the schema that version wrote and how to bring it to
 * the current shape. Saved data that fits no version is not cast through: the answer names the
 * first field that does not fit, from the version it came closest to.
 */
import type { z } from 'zod';

export interface SavedVersion<T> {
  version: number;
  /** Which versions of the app (or the CLI) saved this shape. */
  savedBy: string;
  schema: z.ZodType;
  upgrade: (saved: never) => T;
}

export type VersionRead<T> = { ok: true; version: number; value: T } | { ok: false; problem: string };

/** "candidates[0].loss" from a zod issue path; `whole` names an empty path. */
export function fieldPath(path: ReadonlyArray<PropertyKey>, whole: string): string {
  return path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${String(k)}` : String(k)), '') || whole;
}

/** The newest version `saved` fits, brought up to date; else the problem, naming `whole` for the value itself. */
export function readVersioned<T>(versions: ReadonlyArray<SavedVersion<T>>, saved: unknown, whole: string): VersionRead<T> {
  let closest: z.core.$ZodIssue[] | null = null;
  for (const v of versions) {
    const parsed = v.schema.safeParse(saved);
    if (parsed.success) return { ok: true, version: v.version, value: v.upgrade(parsed.data as never) };
    if (!closest || parsed.error.issues.length < closest.length) closest = parsed.error.issues;
  }
  const issue = closest?.[0];
  return { ok: false, problem: issue ? `${fieldPath(issue.path, whole)}: ${issue.message.replace(/^Invalid input: /, '')}` : 'it fits no saved version' };
}
