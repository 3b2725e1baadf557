/**
 * `plan compute|memory|inference --days`: a budget of devices × days on a hardware profile, as the pages'
 * budget field takes it (issue 12's "512 H100 × 30 days"). Expected FLOPs come from the H100
 * datasheet (989.4 TFLOP/s dense BF16) at the profile's 40 % utilisation, written out here.
 */
import { describe, expect, it, vi } from 'vitest';
import { handlers } from '../../../src-main/services';
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

  it('plan memory --days: devices × days on --hardware, which also caps the memory, or on --train-hardware apart from the cap', async () => {
    const same = await cliJson('plan', 'memory', '--days', '30', '--hardware', 'h100-sxm', '--devices', '8', '--utilization', '0.5', '--experts', '1,8');
    expect(same.flops / (8 * 30 * 86_400 * H100_FLOPS * 0.5)).toBeCloseTo(1, 12);
    expect(same.memory.deviceCount).toBe(8);
    expect(same.timeCost.devices).toBe(8);
    expect(same.timeCost.gpuHours).toBeCloseTo(8 * 30 * 24, 6);
    const apart = await cliJson('plan', 'memory', '--days', '10', '--memory', '80GiB', '--train-hardware', 'h100-sxm', '--train-devices', '64', '--utilization', '0.5', '--experts', '1,8');
    expect(apart.flops / (64 * 10 * 86_400 * H100_FLOPS * 0.5)).toBeCloseTo(1, 12);
    expect(apart.memory.bytes).toBe(80 * 2 ** 30);
    expect(apart.timeCost.devices).toBe(64);
    expect(apart.timeCost.wallClockDays).toBeCloseTo(10, 9);
  });

  it('plan inference --days: the devices × days pay for training and inference (--budget-is total)', async () => {
    const p = await cliJson('plan', 'inference', '--days', '30', '--hardware', 'h100-sxm', '--devices', '512', '--no-memory-cap', '--inference-tokens', '2e12', '--utilization', '0.5', '--experts', '1,8');
    expect(p.flops / (512 * 30 * 86_400 * H100_FLOPS * 0.5)).toBeCloseTo(1, 12);
    expect(p.memory).toBeNull();
    expect(p.timeCost.devices).toBe(512);
    // Training takes what inference leaves of the budget: fewer than the 30 days.
    expect(p.timeCost.wallClockDays).toBeLessThan(30);
    expect(p.timeCost.wallClockDays).toBeGreaterThan(0);
  });

  it('plan memory and inference refuse --days without hardware, or with --flops', async () => {
    const bare = await cli('plan', 'memory', '--days', '30', '--memory', '80GiB');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--days goes with --hardware or --train-hardware/);
    const both = await cli('plan', 'inference', '--days', '30', '--flops', '1e22', '--hardware', 'h100-sxm', '--inference-tokens', '1e12');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--days and --flops/);
    const none = await cli('plan', 'memory', '--hardware', 'h100-sxm');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--flops \(FLOPs\), or --days \(days\)/);
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

  it('--days --save asks for the hardware list once and saves the plan it printed, with the budget as devices × days', async () => {
    const project = (await cliJson('projects', 'create', '--name', 'Days saved once')).id as string;
    const asked = vi.spyOn(handlers, 'hardware.list');
    let printed;
    try {
      printed = await cliJson('plan', 'compute', '--days', '30', '--hardware', 'h100-sxm', '--devices', '512', '--experts', '1,8', '--save', 'Once', '--project', project);
      expect(asked).toHaveBeenCalledTimes(1);
    } finally {
      asked.mockRestore();
    }
    const [saved] = (await cliJson('scenarios', 'list', '--project', project)).items as Array<{ id: string }>;
    const scenario = await cliJson('scenarios', 'show', saved!.id);
    expect(scenario.results.flops).toBe(printed.flops);
    expect(scenario.inputs.budget).toMatchObject({ mode: 'device-days', hardwareId: 'h100-sxm', devices: 512, days: 30 });
    expect(scenario.inputs.budget.flops / (512 * 30 * 86_400 * H100_FLOPS * scenario.inputs.budget.utilization)).toBeCloseTo(1, 12);
  });
});
