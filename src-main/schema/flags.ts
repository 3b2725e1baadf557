/** The extrapolation flag every result carries (engine/common/flags.ts), as it crosses a boundary. */
import { z } from 'zod';
import type { ResultFlag } from '../engine/common/flags';
import { mirrors } from './mirror';

export const flagSchema = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning']),
  message: z.string(),
  variable: z.string().optional(),
  /** The variable in a planner's words, for the compact extrapolation summary. */
  quantity: z.string().optional(),
  value: z.number().optional(),
  range: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
  /** How many times beyond the fitted range the value lies (≥ 1). */
  factor: z.number().optional(),
  /** near: within 2× of the fitted range; outside: 2×–10×; far: beyond 10× (a trend, not a number). Inside the range there is no flag. */
  extent: z.enum(['near', 'outside', 'far']).optional(),
});
export type Flag = z.infer<typeof flagSchema>;
mirrors<Flag, ResultFlag>(true);

export const flagsSchema = z.array(flagSchema);
