/**
 * Hashes of the fields that change a computation. A scenario records them when its snapshot
 * is taken; renaming a profile or fixing a citation does not make scenarios stale, changing a
 * number does.
 */
import { fingerprint } from './json-value';

export interface HardwareNumbers {
  deviceCount: number;
  memoryBytesPerDevice: number;
  peakFlopsPerDevice: number;
  defaultUtilization: number;
  pricePerDeviceHour: number | null;
  powerWattsPerDevice?: number | null;
}

export function hardwareHash(p: HardwareNumbers): string {
  return fingerprint({
    deviceCount: p.deviceCount,
    memoryBytesPerDevice: p.memoryBytesPerDevice,
    peakFlopsPerDevice: p.peakFlopsPerDevice,
    defaultUtilization: p.defaultUtilization,
    pricePerDeviceHour: p.pricePerDeviceHour,
    // Added later: only a set power enters the hash, so profiles without one keep their old hash.
    ...(p.powerWattsPerDevice != null ? { powerWattsPerDevice: p.powerWattsPerDevice } : {}),
  });
}

export function coefficientHash(s: { law: string; values: Record<string, number> }): string {
  return fingerprint({ law: s.law, values: s.values });
}
