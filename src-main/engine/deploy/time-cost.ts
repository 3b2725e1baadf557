/**
 * Time and money for a training budget (LAWS.md §7): GPU-hours = F / (peak × utilisation) / 3600;
 * wall-clock = GPU-hours / devices; money = GPU-hours × price per device-hour; energy =
 * GPU-hours × power per device.
 */
import { EngineInputError } from '../common/errors';
import { requirePositive } from '../common/require-input';

export interface TimeCostInput {
  flops: number;
  peakFlopsPerDevice: number;
  utilization: number;
  devices: number;
  pricePerDeviceHour?: number | null;
  powerWattsPerDevice?: number | null;
}

export interface TimeCost {
  gpuHours: number;
  wallClockHours: number;
  wallClockDays: number;
  /** null when no price per device-hour is set. */
  costUsd: number | null;
  /** null when no power per device is set. */
  energyKwh: number | null;
}

export function timeAndCost(i: TimeCostInput): TimeCost {
  requirePositive('flops', i.flops);
  requirePositive('peakFlopsPerDevice', i.peakFlopsPerDevice);
  if (!(i.utilization > 0 && i.utilization <= 1)) throw new EngineInputError('utilization', `utilization must be in (0, 1] (got ${i.utilization})`);
  if (!Number.isInteger(i.devices) || i.devices < 1) throw new EngineInputError('devices', `devices must be a whole number ≥ 1 (got ${i.devices})`);
  if (i.pricePerDeviceHour != null) requirePositive('pricePerDeviceHour', i.pricePerDeviceHour);
  if (i.powerWattsPerDevice != null) requirePositive('powerWattsPerDevice', i.powerWattsPerDevice);
  const gpuHours = i.flops / (i.peakFlopsPerDevice * i.utilization) / 3600;
  const wallClockHours = gpuHours / i.devices;
  return {
    gpuHours,
    wallClockHours,
    wallClockDays: wallClockHours / 24,
    costUsd: i.pricePerDeviceHour != null ? gpuHours * i.pricePerDeviceHour : null,
    energyKwh: i.powerWattsPerDevice != null ? (gpuHours * i.powerWattsPerDevice) / 1000 : null,
  };
}

/** The inverse question: devices needed to finish F within `days`. */
export function devicesForDeadline(flops: number, peakFlopsPerDevice: number, utilization: number, days: number): number {
  requirePositive('days', days);
  const { gpuHours } = timeAndCost({ flops, peakFlopsPerDevice, utilization, devices: 1 });
  return Math.ceil(gpuHours / (days * 24));
}
