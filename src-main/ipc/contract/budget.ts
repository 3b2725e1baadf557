/**
 * A compute budget given on hardware, as planners think of it: devices × days, or GPU-hours, on a
 * hardware profile at a utilisation. One conversion for the Compute page's budget field and the
 * CLI's `plan compute --days`, so both send the same FLOPs (and the same cluster, which prices
 * the plan) for the same inputs.
 */
export interface HardwareBudget {
  mode: 'flops' | 'device-days' | 'gpu-hours';
  flops: number;
  devices: number;
  days: number;
  gpuHours: number;
  utilization: number;
}

/** FLOPs of a budget; null when it is given on hardware whose peak is not known (yet). */
export function budgetFlops(b: HardwareBudget, peakFlopsPerDevice: number | null | undefined): number | null {
  if (b.mode === 'flops') return b.flops;
  if (!peakFlopsPerDevice) return null;
  const deviceSeconds = b.mode === 'device-days' ? b.devices * b.days * 86_400 : b.gpuHours * 3600;
  return deviceSeconds * peakFlopsPerDevice * b.utilization;
}

/** The plan request's cluster for a budget given on hardware (it also prices the plan); nothing for plain FLOPs. */
export function budgetCluster(b: HardwareBudget & { hardwareId: string }): { hardwareId: string; deviceCount: number; utilization: number } | Record<string, never> {
  return b.mode === 'flops' ? {} : { hardwareId: b.hardwareId, deviceCount: b.devices, utilization: b.utilization };
}
