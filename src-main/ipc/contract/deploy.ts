/**
 * Deployment channels (LAWS.md §7): KV cache for an attention layout, training memory per device
 * for a parallel layout, and the full deployment check of a design or a known architecture on a
 * cluster — layout search, serving fit, time and cost.
 */
import { z } from 'zod';
import { channel, nonNegative, positive } from './define';
import { attentionChoiceSchema } from '../../schema/attention';
import { deployCheckResultSchema, deployPresetsSchema, kvCacheResultSchema, RECOMPUTE_CHOICES, trainingMemoryResultSchema } from '../../schema/deploy';

const whole = (what: string, min = 1, max = 1_000_000) =>
  z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`);

const bytesPerValue = (what: string) =>
  z.number().refine((v) => [0.5, 1, 2, 4].includes(v), `${what} must be 0.5, 1, 2 or 4 bytes`).default(2);

export const OPTIMIZER_CHOICES = ['adam-mixed', 'adam-fp32', 'adam-8bit-mixed', 'sgd-momentum-mixed', 'sgd-momentum-fp32'] as const;
export { RECOMPUTE_CHOICES } from '../../schema/deploy';

/** Attention layout for the cache: MHA is the joint law's convention; GQA/MQA and MLA are what teams deploy. */
export { attentionChoiceSchema, type AttentionChoice } from '../../schema/attention';

/** Kept back on every device: a share of its memory or GiB per device. */
export const reserveSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('share'), share: z.number().min(0, 'reserve share must not be negative').lt(1, 'reserve share must be below 1') }),
    z.object({ kind: z.literal('gib'), gib: nonNegative('reserve GiB').max(1e6) }),
  ])
  .default({ kind: 'share', share: 0.1 });

export { timeCostSchema, type TimeCostInfo } from '../../schema/time-cost';

/** Optional time-and-cost inputs a plan request may carry alongside its hardware profile. */
export const timeCostFields = {
  utilization: z.number().gt(0, 'utilization must be above 0').max(1, 'utilization must be at most 1').optional(),
  pricePerDeviceHour: positive('pricePerDeviceHour').max(1e6).optional(),
  /** Watts per device, for energy; default: the profile's power, when it has one. */
  powerWattsPerDevice: positive('powerWattsPerDevice').max(1e6, 'powerWattsPerDevice must be at most 1e6 W').optional(),
};
export type TimeCostOverrides = { utilization?: number | undefined; pricePerDeviceHour?: number | undefined; powerWattsPerDevice?: number | undefined };

const modelSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('design'),
    dModel: positive('dModel').max(1e6),
    nBlocks: positive('nBlocks').max(1e5),
    nHeads: positive('nHeads').max(1e5),
    experts: whole('experts', 1, 4096),
    vocab: whole('vocab', 1, 10_000_000).default(50_257),
    name: z.string().max(200).optional(),
  }),
  z.object({ kind: z.literal('preset'), id: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('config'), json: z.string().min(2, 'config.json must not be empty').max(1_000_000), name: z.string().max(200).optional() }),
]);

export const deployChannels = {
  'memory.kv': channel({
    summary: 'KV-cache bytes per token and in total for MHA (hidden), GQA/MQA (KV heads × head dim) or MLA (latent + RoPE dims)',
    request: z
      .object({
        layers: whole('layers', 1, 100_000),
        hidden: whole('hidden', 1, 10_000_000).optional(),
        kvHeads: whole('kvHeads', 1, 4096).optional(),
        headDim: whole('headDim', 1, 65_536).optional(),
        latentDim: whole('latentDim', 1, 1_000_000).optional(),
        ropeDim: whole('ropeDim', 0, 65_536).optional(),
        tokens: nonNegative('tokens').max(1e12, 'tokens must be at most 1e12').default(1),
        kvBytes: bytesPerValue('kvBytes'),
      })
      .refine((r) => r.latentDim !== undefined || (r.kvHeads !== undefined && r.headDim !== undefined) || r.hidden !== undefined, {
        message: 'give an attention layout: latentDim (+ ropeDim) for MLA, kvHeads and headDim for GQA/MQA, or hidden for MHA',
        path: ['kvHeads'],
      })
      .refine((r) => (r.kvHeads === undefined) === (r.headDim === undefined) || r.latentDim !== undefined, { message: 'kvHeads and headDim go together', path: ['headDim'] }),
    response: kvCacheResultSchema,
  }),
  'memory.training': channel({
    summary: 'Training memory per device: weights, gradients, optimizer states under ZeRO 0–3 and TP/PP/EP, plus activations when the shape is given',
    request: z.object({
      params: positive('params').max(1e15, 'params must be at most 1e15'),
      expertParams: nonNegative('expertParams').max(1e15).default(0),
      experts: whole('experts', 1, 4096).optional(),
      embeddingParams: nonNegative('embeddingParams').max(1e13).default(0),
      devices: whole('devices', 1, 1_000_000),
      zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], { error: 'zero must be 0, 1, 2 or 3' }),
      tp: whole('tp', 1, 1024).default(1),
      pp: whole('pp', 1, 1024).default(1),
      ep: whole('ep', 1, 4096).default(1),
      microBatch: whole('microBatch', 1, 4096).default(1),
      seqLen: whole('seqLen', 1, 10_000_000).default(4096),
      recompute: z.enum(RECOMPUTE_CHOICES).default('none'),
      optimizer: z.enum(OPTIMIZER_CHOICES).default('adam-mixed'),
      layers: whole('layers', 1, 100_000).optional(),
      hidden: whole('hidden', 1, 10_000_000).optional(),
      heads: whole('heads', 1, 100_000).optional(),
      vocab: whole('vocab', 1, 10_000_000).default(50_257),
    }).refine((r) => r.expertParams < r.params, { message: 'expertParams must be less than params (params counts everything, experts included)', path: ['expertParams'] }),
    response: trainingMemoryResultSchema,
  }),
  'deploy.check': channel({
    summary: 'Deployment check of a design or known architecture: training layout that fits, serving memory, time and cost',
    request: z.object({
      model: modelSourceSchema,
      /** Overrides the cache layout of a design (default MHA, the law's convention); ignored for presets and configs. */
      attention: attentionChoiceSchema.optional(),
      reserve: reserveSchema,
      training: z
        .object({
          hardwareId: z.string().min(1).max(100),
          devices: whole('training.devices', 1, 1_000_000),
          seqLen: whole('seqLen', 1, 10_000_000).default(4096),
          optimizer: z.enum(OPTIMIZER_CHOICES).default('adam-mixed'),
          zero: z.array(z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])).min(1).optional(),
          flops: positive('flops').max(1e30).optional(),
          ...timeCostFields,
        })
        .optional(),
      serving: z
        .object({
          hardwareId: z.string().min(1).max(100),
          devices: whole('serving.devices', 1, 1_000_000),
          tp: whole('tp', 1, 1024).optional(),
          ep: whole('ep', 1, 4096).optional(),
          batch: whole('batch', 0, 1_000_000).default(1),
          context: whole('context', 0, 100_000_000).default(16_384),
          weightBytes: bytesPerValue('weightBytes'),
          kvBytes: bytesPerValue('kvBytes'),
        })
        .optional(),
    }),
    response: deployCheckResultSchema,
  }),
  'deploy.presets': channel({
    summary: 'Public architectures shipped for the deployment check, with their sources',
    request: z.object({}).default({}),
    response: deployPresetsSchema,
  }),
};
