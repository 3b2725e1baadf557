/** GPU-hours, wall-clock days and money for a training run on a hardware profile (LAWS.md §7). */
import { z } from 'zod';
import type { TimeCost } from '../engine/deploy/time-cost';
import { mirrors } from './mirror';

export const timeCostSchema = z.object({
  flops: z.number(),
  hardwareId: z.string(),
  hardwareName: z.string(),
  devices: z.number(),
  /** The devices in words, counting what the profile's label says (devices, or nodes of k devices). */
  cluster: z.string(),
  utilization: z.number(),
  peakFlopsPerDevice: z.number(),
  pricePerDeviceHour: z.number().nullable(),
  powerWattsPerDevice: z.number().nullable(),
  gpuHours: z.number(),
  wallClockDays: z.number(),
  costUsd: z.number().nullable(),
  energyKwh: z.number().nullable(),
  /** How the figures were computed, in a sentence. */
  basis: z.string(),
});
export type TimeCostInfo = z.infer<typeof timeCostSchema>;
/** The engine's figures; the service names the profile and cluster, states the basis and keeps days rather than hours. */
type EngineFigures = 'gpuHours' | 'wallClockDays' | 'costUsd' | 'energyKwh';
mirrors<Pick<TimeCostInfo, EngineFigures>, Omit<TimeCost, 'wallClockHours'>>(true);
