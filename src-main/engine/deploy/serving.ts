/**
 * Serving memory per device: weights under tensor and expert parallelism (dense parts split over
 * the tp ranks, routed experts spread whole over the ep ranks) plus the KV cache for batch ×
 * context tokens, which tensor parallelism splits by KV head (attention.ts), within the usable
 * share of each device.
 */
import { EngineInputError } from '../common/errors';
import { kvBytesPerToken, kvShardsUnderTensorParallel } from './attention';
import type { DeployModel } from './model';
import { usableMemory, type Reserve } from './reserve';

export interface ServingInput {
  devices: number;
  tp: number;
  ep: number;
  weightBytes: number;
  kvBytes: number;
  batch: number;
  context: number;
  memoryBytesPerDevice: number;
  reserve: Reserve;
}

export interface ServingMemory {
  weightsBytes: number;
  kvBytes: number;
  kvBytesPerToken: number;
  totalBytes: number;
  deviceBytes: number;
  reserveBytes: number;
  usableBytes: number;
  fits: boolean;
  /** Usable bytes left (negative: short by that much). */
  headroomBytes: number;
  /** Largest batch × context tokens the left-over memory would cache (0 when the weights alone do not fit). */
  maxCachedTokens: number;
}

export function servingProblems(m: DeployModel, i: Pick<ServingInput, 'devices' | 'tp' | 'ep'>): { field: 'devices' | 'tp' | 'ep'; message: string }[] {
  const out: { field: 'devices' | 'tp' | 'ep'; message: string }[] = [];
  for (const f of ['devices', 'tp', 'ep'] as const) if (!Number.isInteger(i[f]) || i[f] < 1) out.push({ field: f, message: `${f} must be a whole number ≥ 1 (got ${i[f]})` });
  if (out.length) return out;
  if (m.heads % i.tp !== 0) out.push({ field: 'tp', message: `tp ${i.tp} does not divide the ${m.heads} attention heads` });
  if (i.tp > i.devices) out.push({ field: 'tp', message: `tp ${i.tp} exceeds the ${i.devices} devices` });
  else if (i.devices % i.tp !== 0) out.push({ field: 'tp', message: `tp ${i.tp} does not divide the ${i.devices} devices` });
  if (i.ep > m.experts) out.push({ field: 'ep', message: `ep ${i.ep} exceeds the ${m.experts} expert${m.experts === 1 ? '' : 's'}` });
  else if (m.experts % i.ep !== 0) out.push({ field: 'ep', message: `ep ${i.ep} does not divide the ${m.experts} experts` });
  if (i.ep > i.devices) out.push({ field: 'ep', message: `ep ${i.ep} exceeds the ${i.devices} devices` });
  return out;
}

export function servingMemory(m: DeployModel, i: ServingInput): ServingMemory {
  const [first] = servingProblems(m, i);
  if (first) throw new EngineInputError(first.field, first.message);
  for (const f of ['batch', 'context'] as const) if (!Number.isInteger(i[f]) || i[f] < 0) throw new EngineInputError(f, `${f} must be a whole number ≥ 0 (got ${i[f]})`);
  const usable = usableMemory(i.memoryBytesPerDevice, i.reserve);
  const weightsBytes = (m.denseParams / i.tp + m.expertParams / i.ep) * i.weightBytes;
  const perTokenWhole = kvBytesPerToken(m.attention, i.kvBytes);
  const perToken = perTokenWhole / kvShardsUnderTensorParallel(m.attention, i.tp, m.heads);
  // Data-parallel replicas of the tp group serve separate requests: the batch spreads over them.
  const replicas = i.devices / i.tp;
  const tokensPerReplica = Math.ceil(i.batch / replicas) * i.context;
  const kvBytes = perToken * tokensPerReplica;
  const totalBytes = weightsBytes + kvBytes;
  const headroomBytes = usable.usableBytes - totalBytes;
  const maxCachedTokens = Math.max(0, Math.floor(((usable.usableBytes - weightsBytes) / perToken) * replicas));
  return { weightsBytes, kvBytes, kvBytesPerToken: perTokenWhole, totalBytes, ...usable, fits: headroomBytes >= 0, headroomBytes, maxCachedTokens };
}
