/** CLI commands of the deployment check: `memory kv`, `memory training`, `deploy check`, `deploy presets`. */
import * as numbers from '../../format';
import type { ResponseOf } from '../../ipc/contract';
import { OPTIMIZER_CHOICES, RECOMPUTE_CHOICES } from '../../ipc/contract/deploy';
import { UsageError, toRequest, type FlagSpec, type FlagValues } from '../args';
import { command } from '../command';
import { readTextFile } from '../files';
import { cliBytes, joinBlocks, table } from '../text';

type Check = ResponseOf<'deploy.check'>;

const trainingFlags: Record<string, FlagSpec> = {
  params: { kind: 'number', unit: 'parameters', description: 'All parameters, experts and embeddings included', required: true },
  'expert-params': { kind: 'number', unit: 'parameters', description: 'Routed-expert parameters (part of --params; default 0: dense)' },
  experts: { kind: 'number', unit: 'experts', description: 'Routed experts E, to check --ep against' },
  'embedding-params': { kind: 'number', unit: 'parameters', description: 'Embedding parameters (kept on the first and last pipeline stages)' },
  devices: { kind: 'number', unit: 'devices', description: 'Devices (GPUs) in the job', required: true },
  zero: { kind: 'number', unit: 'stage', description: 'ZeRO stage 0, 1, 2 or 3 (3 = FSDP full sharding)', required: true },
  tp: { kind: 'number', unit: 'ranks', description: 'Tensor-parallel degree (default 1)' },
  pp: { kind: 'number', unit: 'stages', description: 'Pipeline-parallel degree (default 1)' },
  ep: { kind: 'number', unit: 'ranks', description: 'Expert-parallel degree (default 1)' },
  'micro-batch': { kind: 'number', unit: 'sequences', description: 'Sequences per micro-batch (default 1)' },
  'seq-len': { kind: 'number', unit: 'tokens', description: 'Sequence length (default 4096)' },
  recompute: { kind: 'string', description: 'Activation recomputation: none (default), selective or full', choices: [...RECOMPUTE_CHOICES] },
  optimizer: { kind: 'string', description: 'adam-mixed (default, 16 B/param), adam-fp32, adam-8bit-mixed, sgd-momentum-mixed, sgd-momentum-fp32', choices: [...OPTIMIZER_CHOICES] },
  layers: { kind: 'number', unit: 'layers', description: 'Layers, for activations (with --hidden and --heads)' },
  hidden: { kind: 'number', unit: 'width', description: 'Hidden size d_model, for activations' },
  heads: { kind: 'number', unit: 'heads', description: 'Attention heads, for activations and to check --tp' },
  vocab: { kind: 'number', unit: 'tokens', description: 'Vocabulary, for the output logits (default 50257)' },
};


function checkRequest(v: FlagValues): Record<string, unknown> {
  const sources = ['preset', 'config', 'd-model'].filter((k) => v[k] !== undefined);
  if (sources.length !== 1) throw new UsageError('give exactly one model: --preset ID, --config config.json, or --d-model D --blocks L --experts E');
  let model: Record<string, unknown>;
  if (v.preset !== undefined) model = { kind: 'preset', id: v.preset };
  else if (v.config !== undefined) model = { kind: 'config', json: readTextFile(String(v.config), '--config'), name: String(v.config) };
  else {
    if (v.blocks === undefined) throw new UsageError('--d-model needs --blocks (and --experts)');
    model = { kind: 'design', dModel: v['d-model'], nBlocks: v.blocks, nHeads: v.heads ?? v.blocks, experts: v.experts ?? 1 };
  }
  const req: Record<string, unknown> = { model };
  if (v['kv-heads'] !== undefined) req.attention = { kind: 'gqa', kvHeads: v['kv-heads'], headDim: v['head-dim'] ?? 128 };
  if (v['latent-dim'] !== undefined) req.attention = { kind: 'mla', latentDim: v['latent-dim'], ropeDim: v['rope-dim'] ?? 64 };
  if (v['reserve-gib'] !== undefined) req.reserve = { kind: 'gib', gib: v['reserve-gib'] };
  else if (v['reserve-share'] !== undefined) req.reserve = { kind: 'share', share: v['reserve-share'] };
  if (v['train-hardware'] !== undefined) {
    req.training = {
      hardwareId: v['train-hardware'],
      devices: v['train-devices'] ?? 8,
      ...(v['seq-len'] !== undefined ? { seqLen: v['seq-len'] } : {}),
      ...(v.optimizer !== undefined ? { optimizer: v.optimizer } : {}),
      ...(v.zero !== undefined ? { zero: [v.zero] } : {}),
      ...(v.flops !== undefined ? { flops: v.flops } : {}),
      ...(v.utilization !== undefined ? { utilization: v.utilization } : {}),
      ...(v.price !== undefined ? { pricePerDeviceHour: v.price } : {}),
      ...(v.power !== undefined ? { powerWattsPerDevice: v.power } : {}),
    };
  }
  if (v['serve-hardware'] !== undefined) {
    req.serving = {
      hardwareId: v['serve-hardware'],
      devices: v['serve-devices'] ?? 8,
      ...Object.fromEntries((['tp', 'ep', 'batch', 'context'] as const).filter((k) => v[k] !== undefined).map((k) => [k, v[k]])),
      ...(v['weight-bytes'] !== undefined ? { weightBytes: v['weight-bytes'] } : {}),
      ...(v['kv-bytes'] !== undefined ? { kvBytes: v['kv-bytes'] } : {}),
    };
  }
  if (!req.training && !req.serving) throw new UsageError('give --train-hardware and/or --serve-hardware');
  return req;
}

export function checkText(v: Check, convention: numbers.ByteConvention): string {
  const gib = (b: number) => numbers.bytes(b, convention);
  const m = v.model;
  const blocks = [
    `${m.name}: ${numbers.count(m.totalParams)} parameters (${numbers.count(m.activeParams)} active), ${m.layers} layers, d_model ${m.hidden}, ${m.heads} heads, E = ${m.experts} (top-${m.activeExperts})\n  ${m.attentionNote}\n  Source: ${m.source}`,
  ];
  const reserve = v.reserve.kind === 'share' ? `${numbers.percent(v.reserve.value)} of each device` : `${v.reserve.value} GiB per device`;
  const t = v.training;
  if (t) {
    const lines = [`Training on ${t.cluster}, ${t.optimizerLabel}, sequence ${t.seqLen}; reserve ${reserve}, ${gib(t.usable.usableBytes)} usable per device.`];
    if (t.best) {
      const mm = t.best.memory;
      lines.push(`  Layout: ${t.best.description}`);
      lines.push(`  Per device: weights ${gib(mm.weightsBytes)} + gradients ${gib(mm.gradientBytes)} + optimizer ${gib(mm.optimizerBytes)} + activations ${gib(mm.activationBytes ?? 0)} = ${gib(mm.totalBytes)}`);
    } else {
      lines.push(`  No layout fits: ${t.invalidReason ?? `the leanest (${t.leanest?.description}) is short by ${gib(t.shortfallBytes ?? 0)} per device`}.`);
      for (const s of t.suggestions) lines.push(`  Would fit: ${s.message}`);
    }
    for (const r of t.rejected) lines.push(`  Cheaper, does not fit: ${r.description}: ${r.reason}`);
    for (const w of t.warnings) lines.push(`  Warning: ${w}`);
    lines.push(`  Order of preference: ${t.ordering}.`);
    blocks.push(lines.join('\n'));
  }
  const s = v.serving;
  if (s) {
    blocks.push(
      [
        `Serving on ${s.cluster}, TP ${s.tp}, EP ${s.ep}, batch ${s.batch} × context ${s.context}; reserve ${reserve}.`,
        `  Per device: weights ${gib(s.weightsBytes)} + KV cache ${gib(s.kvCacheBytes)} (${numbers.whole(s.kvBytesPerToken)} B/token over all layers) = ${gib(s.totalBytes)} of ${gib(s.usable.usableBytes)} usable: ${s.fits ? 'fits' : 'does not fit'}`,
        ...s.warnings.map((w) => `  Warning: ${w}`),
      ].join('\n'),
    );
  }
  if (v.time) {
    const c = v.time;
    blocks.push(`Time and cost: ${numbers.gpuHours(c.gpuHours)}, ${numbers.days(c.wallClockDays)}${c.costUsd != null ? `, ${numbers.money(c.costUsd)}` : ''}${c.energyKwh != null ? `, ${numbers.significant(c.energyKwh)} kWh` : ''}\n  ${c.basis}`);
  }
  blocks.push(numbers.byteConventionNote(convention));
  blocks.push(`Sources:\n${v.citations.map((c) => `  ${c}`).join('\n')}`);
  return joinBlocks(...blocks);
}

export const deployCommands = [
  command({
    words: ['memory', 'kv'],
    example: 'memory kv --layers 80 --kv-heads 8 --head-dim 128 --tokens 32768 --kv-bytes 2',
    summary: 'KV-cache bytes per token and in total: MHA (--hidden), GQA/MQA (--kv-heads --head-dim) or MLA (--latent-dim --rope-dim)',
    channel: 'memory.kv',
    flags: {
      layers: { kind: 'number', unit: 'layers', description: 'Layers L', required: true },
      'kv-heads': { kind: 'number', unit: 'heads', description: 'KV heads (GQA; 1 = MQA)' },
      'head-dim': { kind: 'number', unit: 'width', description: 'Head dimension' },
      hidden: { kind: 'number', unit: 'width', description: 'd_model, for multi-head attention' },
      'latent-dim': { kind: 'number', unit: 'width', description: 'MLA compressed KV width d_c (kv_lora_rank)' },
      'rope-dim': { kind: 'number', unit: 'width', description: 'MLA decoupled RoPE key width (qk_rope_head_dim)' },
      tokens: { kind: 'number', unit: 'tokens', description: 'Cached tokens in all (batch × context; default 1)' },
      'kv-bytes': { kind: 'number', unit: 'bytes/value', description: 'Bytes per cached value: 2 bf16 (default), 1 fp8, 0.5 int4, 4 fp32' },
    },
    format: (v, values) => `${v.description}: ${numbers.whole(v.bytesPerToken)} bytes per token (${v.formula}); ${numbers.whole(v.tokens)} tokens: ${numbers.bytes(v.totalBytes, cliBytes(values))}\n${numbers.byteConventionNote(cliBytes(values))}`,
  }),
  command({
    words: ['memory', 'training'],
    example: 'memory training --params 7.5e9 --devices 64 --zero 1',
    summary: 'Training memory per device: weights, gradients and optimizer states under ZeRO and TP/PP/EP, plus activations',
    channel: 'memory.training',
    flags: trainingFlags,
    toRequest: (v) => toRequest(v, trainingFlags, ['json', 'help']),
    format: (v, values) => {
      const convention = cliBytes(values);
      const gib = (b: number) => numbers.bytes(b, convention);
      const m = v.memory;
      const l = v.layout;
      return joinBlocks(
        `${v.devices} devices, ZeRO-${l.zero}, TP ${l.tp}, PP ${l.pp}, EP ${l.ep}, micro-batch ${l.microBatch}, ${l.recompute} recomputation (data-parallel ${m.dataParallel}, expert-data-parallel ${m.expertDataParallel})`,
        table(
          ['per device', 'bytes', 'memory'],
          [
            ['weights', String(Math.round(m.weightsBytes)), gib(m.weightsBytes)],
            ['gradients', String(Math.round(m.gradientBytes)), gib(m.gradientBytes)],
            ['optimizer states', String(Math.round(m.optimizerBytes)), gib(m.optimizerBytes)],
            ['model states', String(Math.round(m.modelStatesBytes)), gib(m.modelStatesBytes)],
            ['activations', m.activationBytes == null ? '—' : String(Math.round(m.activationBytes)), m.activationBytes == null ? 'not counted' : gib(m.activationBytes)],
            ['total', String(Math.round(m.totalBytes)), gib(m.totalBytes)],
          ],
        ),
        v.notes.join('\n'),
        numbers.byteConventionNote(convention),
      );
    },
    json: (v) => ({ ...v, modelStatesBytes: v.memory.modelStatesBytes, activationBytes: v.memory.activationBytes, totalBytes: v.memory.totalBytes }),
  }),
  command({
    words: ['deploy', 'check'],
    example: 'deploy check --preset mixtral-8x7b --train-hardware h100-sxm --train-devices 64 --zero 1 --flops 1e23 --serve-hardware 8xh100 --context 32768',
    summary: 'Deployment check of a design (--d-model --blocks --experts), a preset (--preset) or a config.json (--config): training layout, serving fit, time and cost',
    channel: 'deploy.check',
    flags: {
      preset: { kind: 'string', unit: 'id', description: 'Architecture preset id (see: deploy presets)' },
      config: { kind: 'string', unit: 'file', description: 'Path of a Hugging Face-style config.json' },
      'd-model': { kind: 'number', unit: 'width', description: 'Joint-law design: d_model' },
      blocks: { kind: 'number', unit: 'blocks', description: 'Joint-law design: blocks' },
      heads: { kind: 'number', unit: 'heads', description: 'Joint-law design: heads (default = blocks, the paper\'s rule)' },
      experts: { kind: 'number', unit: 'experts', description: 'Joint-law design: experts E' },
      'kv-heads': { kind: 'number', unit: 'heads', description: 'Deploy a design with GQA of this many KV heads (instead of the law\'s MHA)' },
      'head-dim': { kind: 'number', unit: 'width', description: 'GQA head dimension (default 128)' },
      'latent-dim': { kind: 'number', unit: 'width', description: 'Deploy a design with MLA of this latent width' },
      'rope-dim': { kind: 'number', unit: 'width', description: 'MLA RoPE width (default 64)' },
      'train-hardware': { kind: 'string', unit: 'id', description: 'Hardware profile for training' },
      'train-devices': { kind: 'number', unit: 'devices', description: 'Devices for training (default 8)' },
      'seq-len': { kind: 'number', unit: 'tokens', description: 'Training sequence length (default 4096)' },
      optimizer: trainingFlags.optimizer as FlagSpec,
      zero: { kind: 'number', unit: 'stage', description: 'Only this ZeRO stage (default: search 0–3)' },
      flops: { kind: 'number', unit: 'FLOPs', description: 'Training FLOPs, for GPU-hours, days and cost' },
      utilization: { kind: 'number', unit: 'fraction', description: 'Share of peak FLOP/s achieved (default: the profile\'s)' },
      price: { kind: 'number', unit: 'USD/device-hour', description: 'Price per device-hour in USD (default: the profile\'s)' },
      power: { kind: 'number', unit: 'W/device', description: 'Power per device in watts, for energy (default: the profile\'s, when set)' },
      'serve-hardware': { kind: 'string', unit: 'id', description: 'Hardware profile for serving' },
      'serve-devices': { kind: 'number', unit: 'devices', description: 'Devices for serving (default 8)' },
      tp: { kind: 'number', unit: 'ranks', description: 'Serving tensor-parallel degree (default: largest dividing heads and devices)' },
      ep: { kind: 'number', unit: 'ranks', description: 'Serving expert-parallel degree (default: largest dividing E and devices)' },
      batch: { kind: 'number', unit: 'sequences', description: 'Concurrent sequences served (default 1)' },
      context: { kind: 'number', unit: 'tokens', description: 'Context length per sequence (default 16384)' },
      'weight-bytes': { kind: 'number', unit: 'bytes/weight', description: 'Serving bytes per weight (default 2)' },
      'kv-bytes': { kind: 'number', unit: 'bytes/value', description: 'Serving bytes per KV value (default 2)' },
      'reserve-share': { kind: 'number', unit: 'fraction', description: 'Share of each device kept back (default 0.1)' },
      'reserve-gib': { kind: 'number', unit: 'GiB', description: 'GiB per device kept back, instead of a share' },
    },
    toRequest: checkRequest,
    format: (v, values) => checkText(v, cliBytes(values)),
  }),
  command({
    words: ['deploy', 'presets'],
    example: 'deploy presets',
    summary: 'Public architectures shipped for the deployment check, with their sources',
    channel: 'deploy.presets',
    flags: {},
    format: (v) =>
      joinBlocks(
        table(
          ['id', 'name', 'total', 'active', 'attention'],
          v.presets.map((p) => [p.id, p.name, numbers.count(p.totalParams), numbers.count(p.activeParams), p.attention]),
        ),
        v.presets.map((p) => `${p.id}: ${p.source}`).join('\n'),
      ),
  }),
];
