/**
 * Memory kept back on every device for what the accounting does not itemise: the CUDA context
 * and runtime, communication buffers, allocator fragmentation, temporary buffers. On by default
 * (10%, the share vLLM leaves with its default gpu_memory_utilization of 0.9), editable as a share
 * or as GiB per device.
 */
import { EngineInputError } from '../common/errors';

export type Reserve = { kind: 'share'; share: number } | { kind: 'bytes'; bytes: number };

export const DEFAULT_RESERVE: Readonly<Reserve> = Object.freeze({ kind: 'share', share: 0.1 });

export interface UsableMemory {
  deviceBytes: number;
  reserveBytes: number;
  usableBytes: number;
}

export function usableMemory(deviceBytes: number, reserve: Reserve): UsableMemory {
  if (!Number.isFinite(deviceBytes) || deviceBytes <= 0) throw new EngineInputError('memoryBytesPerDevice', `memoryBytesPerDevice must be positive (got ${deviceBytes})`);
  let reserveBytes: number;
  if (reserve.kind === 'share') {
    if (!(reserve.share >= 0 && reserve.share < 1)) throw new EngineInputError('reserveShare', `reserveShare must be in [0, 1) (got ${reserve.share})`);
    reserveBytes = deviceBytes * reserve.share;
  } else {
    if (!(reserve.bytes >= 0)) throw new EngineInputError('reserveBytes', `reserveBytes must not be negative (got ${reserve.bytes})`);
    if (reserve.bytes >= deviceBytes) throw new EngineInputError('reserveBytes', `a reserve of ${reserve.bytes} bytes leaves nothing of the ${deviceBytes} bytes per device`);
    reserveBytes = reserve.bytes;
  }
  return { deviceBytes, reserveBytes, usableBytes: deviceBytes - reserveBytes };
}
