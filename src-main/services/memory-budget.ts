import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { isStoreError, type HardwareProfileRow } from '../store';

export interface MemoryBudgetRequest {
  memoryBytes?: number | undefined;
  hardwareId?: string | undefined;
  deviceCount?: number | undefined;
  usableFraction: number;
}

export interface ResolvedMemory {
  bytes: number;
  source: string;
  hardwareId: string | null;
  deviceCount: number | null;
  usableFraction: number;
}

/** A hardware profile by id, or a typed error at `hardwareId` when it is missing or the store cannot be read. */
export function findHardwareProfile(ctx: ServiceContext, id: string): HardwareProfileRow {
  let profile;
  try {
    profile = ctx.store().hardware.find(id);
  } catch (err) {
    if (isStoreError(err) || err instanceof ServiceError) throw new ServiceError('store-unavailable', `Cannot read hardware profiles: ${(err as Error).message}`, ['hardwareId']);
    throw err;
  }
  if (!profile) throw new ServiceError('not-found', `No hardware profile "${id}"`, ['hardwareId']);
  return profile;
}

/** Turns bytes, or a hardware profile × device count, times the usable share, into a byte budget. */
export function resolveMemoryBudget(ctx: ServiceContext, r: MemoryBudgetRequest): ResolvedMemory | null {
  if (r.memoryBytes !== undefined && r.hardwareId !== undefined) {
    throw new ServiceError('invalid-request', 'give either memoryBytes or hardwareId, not both', ['memoryBytes']);
  }
  if (r.memoryBytes !== undefined) {
    return { bytes: r.memoryBytes * r.usableFraction, source: `${(r.memoryBytes / 2 ** 30).toPrecision(4)} GiB${r.usableFraction < 1 ? `, ${(r.usableFraction * 100).toFixed(0)}% usable` : ''}`, hardwareId: null, deviceCount: null, usableFraction: r.usableFraction };
  }
  if (r.hardwareId === undefined) return null;
  const profile = findHardwareProfile(ctx, r.hardwareId);
  const devices = r.deviceCount ?? profile.deviceCount;
  const bytes = profile.memoryBytesPerDevice * devices * r.usableFraction;
  return {
    bytes,
    source: `${profile.name}: ${devices} × ${(profile.memoryBytesPerDevice / 2 ** 30).toFixed(0)} GiB${r.usableFraction < 1 ? `, ${(r.usableFraction * 100).toFixed(0)}% usable` : ''}`,
    hardwareId: profile.id,
    deviceCount: devices,
    usableFraction: r.usableFraction,
  };
}
