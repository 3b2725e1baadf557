/**
 * How a list of projects or scenarios is asked for: declared once here, used by the store to
 * check its options and by the contract as the request of projects.list and scenarios.list.
 */
import { z } from 'zod';

export const SORT_KEYS = ['name', 'updated', 'created'] as const;
export const SORT_ORDERS = ['asc', 'desc'] as const;
export const TRASH_FILTERS = ['exclude', 'only', 'include'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = (typeof SORT_ORDERS)[number];
export type TrashFilter = (typeof TRASH_FILTERS)[number];

/** The fields, for requests that add their own filters (scenarios by project, tag, wizard). */
export const listOptionsShape = {
  /** Matches names (and, for scenarios, tags) containing this text, case-insensitively. */
  search: z.string().max(200).optional(),
  sort: z.enum(SORT_KEYS).optional(),
  order: z.enum(SORT_ORDERS).optional(),
  /** Page size; default 100, at most 10000. */
  limit: z.number().int().min(1).max(10_000).optional(),
  offset: z.number().int().min(0).optional(),
  /** Whether soft-deleted rows are left out (default), shown alone (the trash view) or mixed in. */
  trash: z.enum(TRASH_FILTERS).optional(),
};

export const listOptionsSchema = z.object(listOptionsShape);
export type ListOptions = z.input<typeof listOptionsSchema>;
