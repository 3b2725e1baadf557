/**
 * `plan compute --days`: a budget of devices × days on a hardware profile, as the Compute page's
 * budget field takes it (issue 12's "512 H100 × 30 days"). Expected FLOPs come from the H100
 * datasheet (989.4 TFLOP/s dense BF16) at the profile's 40 % utilisation, written out here.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

const H100_FLOPS = 989.4e12;

describe('plan compute --days', () => {
  it('turns devices × days into FLOPs and prices the plan on the same cluster', async () => {
    const p = await cliJson('plan', 'compute', '--days', '30', '--hardware', 'h100-sxm', '--devices', '512', '--utilization', '0.5');
    expect(p.flops / (512 * 30 * 86_400 * H100_FLOPS * 0.5)).toBeCloseTo(1, 12);
    expect(p.timeCost.devices).toBe(512);
    expect(p.timeCost.wallClockDays).toBeCloseTo(30, 9);
    expect(p.timeCost.gpuHours).toBeCloseTo(512 * 30 * 24, 6);
  });

  it('refuses a budget given twice or on no hardware, naming the option', async () => {
    const both = await cli('plan', 'compute', '--days', '30', '--flops', '1e22', '--hardware', 'h100-sxm');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--days and --flops/);
    const bare = await cli('plan', 'compute', '--days', '30');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--days goes with --hardware/);
    const none = await cli('plan', 'compute');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--flops \(FLOPs\), or --days \(days\)/);
    const unknown = await cli('plan', 'compute', '--days', '30', '--hardware', 'abacus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--hardware "abacus"/);
  });
});
