import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import type { ResolvedMemory } from '../ipc/contract/common';
import { isStoreError, type HardwareProfileRow } from '../store';
import { decimals as fmtFixed, bytes as fmtBytes } from '../format';
import { bytesOf } from './preferences';

export interface MemoryBudgetRequest {
  memoryBytes?: number | undefined;
  hardwareId?: string | undefined;
  deviceCount?: number | undefined;
  usableFraction: number;
}

/** How the budget was resolved: the plan echoes it (schema/plan.ts). */
export type { ResolvedMemory };

/** A hardware profile by id, or a typed error at `hardwareId` when it is missing or the store cannot be read. */
export function findHardwareProfile(ctx: ServiceContext, id: string): HardwareProfileRow {
  return hardwareProfile(ctx, id, ['hardwareId']);
}

/** A hardware profile by id; a missing one is `not-found` at `path`, an unreadable store says so. */
export function hardwareProfile(ctx: ServiceContext, id: string, path: (string | number)[]): HardwareProfileRow {
  let profile;
  try {
    profile = ctx.store().hardware.find(id);
  } catch (err) {
    if (isStoreError(err) || err instanceof ServiceError) throw new ServiceError('store-unavailable', `Cannot read hardware profiles: ${(err as Error).message}`, path);
    throw err;
  }
  if (!profile) throw new ServiceError('not-found', `No hardware profile "${id}"`, path);
  return profile;
}

/**
 * Devices a request means. A profile is one device or a node of k devices; a count is always of
 * devices, so with a node profile it must be whole nodes (default: one node, or one device).
 */
export function deviceCountFor(profile: HardwareProfileRow, devices: number | undefined, path: (string | number)[]): number {
  if (devices === undefined) return profile.deviceCount;
  if (devices % profile.deviceCount !== 0) {
    throw new ServiceError('invalid-request', `${profile.name} is a node of ${profile.deviceCount} devices: ${devices} devices is not a whole number of nodes (use a multiple of ${profile.deviceCount}, or a single-device profile)`, path);
  }
  return devices;
}

/** What `devices` devices of a profile are, in words that count what the label says. */
export function clusterLabel(profile: HardwareProfileRow, devices: number): string {
  if (profile.deviceCount === 1) return `${devices} × ${profile.name}`;
  // A report reads this in a sentence: "one 8x H100 node (8 devices)", not the node's size twice.
  const nodes = devices / profile.deviceCount;
  return `${nodes === 1 ? 'one' : `${nodes} ×`} ${profile.name} (${devices} devices)`;
}

/** Turns bytes, or a hardware profile × device count, times the usable share, into a byte budget. */
export function resolveMemoryBudget(ctx: ServiceContext, r: MemoryBudgetRequest): ResolvedMemory | null {
  if (r.memoryBytes !== undefined && r.hardwareId !== undefined) {
    throw new ServiceError('invalid-request', 'give either memoryBytes or hardwareId, not both', ['memoryBytes']);
  }
  if (r.memoryBytes !== undefined) {
    return { bytes: r.memoryBytes * r.usableFraction, source: `${fmtBytes(r.memoryBytes, bytesOf(ctx), 4)}${r.usableFraction < 1 ? `, ${fmtFixed((r.usableFraction * 100), 0)}% usable` : ''}`, hardwareId: null, deviceCount: null, usableFraction: r.usableFraction };
  }
  if (r.hardwareId === undefined) return null;
  const profile = hardwareProfile(ctx, r.hardwareId, ['hardwareId']);
  const devices = deviceCountFor(profile, r.deviceCount, ['deviceCount']);
  const bytes = profile.memoryBytesPerDevice * devices * r.usableFraction;
  return {
    bytes,
    source: `${clusterLabel(profile, devices)}: ${devices} × ${fmtBytes(profile.memoryBytesPerDevice, bytesOf(ctx))}${r.usableFraction < 1 ? `, ${fmtFixed((r.usableFraction * 100), 0)}% usable` : ''}`,
    hardwareId: profile.id,
    deviceCount: devices,
    usableFraction: r.usableFraction,
  };
}
