/**
 * An attention layout for the KV cache (LAWS.md §7): MHA is the joint law's convention; GQA/MQA
 * (KV heads × head dimension) and MLA (latent + decoupled RoPE widths) are what teams deploy.
 * The deployment check and the memory caps of the design problems take it, and a plan echoes it.
 */
import { z } from 'zod';
import type { CacheLayout } from '../engine/accounting/memory';
import { mirrors } from './mirror';

const whole = (what: string, min: number, max: number) =>
  z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`);

export const attentionChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mha') }),
  z.object({ kind: z.literal('gqa'), kvHeads: whole('kvHeads', 1, 4096), headDim: whole('headDim', 1, 65_536) }),
  z.object({ kind: z.literal('mla'), latentDim: whole('latentDim', 1, 1_000_000), ropeDim: whole('ropeDim', 0, 65_536) }),
]);
export type AttentionChoice = z.infer<typeof attentionChoiceSchema>;
mirrors<AttentionChoice, CacheLayout>(true);
