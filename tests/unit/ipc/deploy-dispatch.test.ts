/**
 * The deployment channels through dispatch with a real store: the three planning tasks end
 * in a layout, per-device memory, days and dollars; hardware counts mean what their labels say;
 * bad layouts are errors at their field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, removeWorkspace, type Workspace } from '../reports/workspace';

const GiB = 2 ** 30;
const H100_PEAK = 9.894e14;

describe('deployment channels', () => {
  let w: Workspace;
  beforeAll(async () => {
    w = await openWorkspace();
  });
  afterAll(() => removeWorkspace(w));

  it('memory.kv gives the published bytes per token', async () => {
    expect((await w.call('memory.kv', { layers: 80, kvHeads: 8, headDim: 128, kvBytes: 2 })).bytesPerToken).toBe(327_680);
    expect((await w.call('memory.kv', { layers: 61, latentDim: 512, ropeDim: 64, tokens: 1000 })).totalBytes).toBe(70_272_000);
  });

  it('memory.training reproduces ZeRO Figure 1 and names a bad field', async () => {
    const r = await w.call('memory.training', { params: 7.5e9, devices: 64, zero: 2 });
    expect(+(r.memory.modelStatesBytes / 1e9).toFixed(1)).toBe(16.6);
    const bad = await w.raw('memory.training', { params: 7.5e9, devices: 64, zero: 1, tp: 3, heads: 32, layers: 32, hidden: 4096 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'invalid-request', path: ['tp'] });
    const ep = await w.raw('memory.training', { params: 9e9, expertParams: 8e9, experts: 8, devices: 64, zero: 1, ep: 16 });
    if (!ep.ok) expect(ep.error.path).toEqual(['ep']);
    else expect.fail('ep 16 > E 8 accepted');
  });

  it('task 1: 1e22 FLOPs on 512 H100s within 30 days, with a layout and dollars', async () => {
    await w.call('hardware.save', { id: 'h100-sxm', name: 'NVIDIA H100 SXM 80 GB', deviceCount: 1, memoryBytesPerDevice: 80 * GiB, peakFlopsPerDevice: H100_PEAK, defaultUtilization: 0.4, pricePerDeviceHour: 2.5, powerWattsPerDevice: 700 });
    const plan = await w.call('plan.compute', { flops: 1e22, hardwareId: 'h100-sxm', deviceCount: 512 });
    const gpuHours = plan.best!.trainingFlops / (H100_PEAK * 0.4) / 3600;
    expect(plan.timeCost!.gpuHours).toBeCloseTo(gpuHours, 6);
    expect(plan.timeCost!.wallClockDays).toBeCloseTo(gpuHours / 512 / 24, 9);
    expect(plan.timeCost!.wallClockDays).toBeLessThan(30);
    expect(plan.timeCost!.costUsd).toBeCloseTo(gpuHours * 2.5, 6);
    expect(plan.timeCost!.energyKwh).toBeCloseTo(gpuHours * 0.7, 6);
    const s = plan.best!.buildable.shape;
    const check = await w.call('deploy.check', {
      model: { kind: 'design', dModel: s.dModel, nBlocks: s.nBlocks, nHeads: s.nHeads, experts: s.experts },
      training: { hardwareId: 'h100-sxm', devices: 512, flops: plan.best!.trainingFlops },
    });
    expect(check.training!.fits).toBe(true);
    expect(check.training!.best!.memory.totalBytes).toBeLessThanOrEqual(0.9 * 80 * GiB);
    expect(check.time!.costUsd).toBeCloseTo(gpuHours * 2.5, 6);
    expect(check.model.attentionNote).toMatch(/MHA/);
  });

  it('saved plans carry time and cost into the comparison and the CSV', async () => {
    const a = await w.call('plan.compute', { flops: 1e22, experts: [1, 8], hardwareId: 'h100-sxm', deviceCount: 512, pricePerDeviceHour: 2 });
    const b = await w.call('plan.compute', { flops: 3e22, experts: [1, 8], hardwareId: 'h100-sxm', deviceCount: 512, pricePerDeviceHour: 2 });
    const ids = [(await w.save('1e22 on 512', 'compute', a)).id, (await w.save('3e22 on 512', 'compute', b)).id];
    const m = await w.call('scenarios.compare', { ids });
    const row = (k: string) => m.rows.find((r) => r.key === k)!;
    const hours = (f: number) => f / (9.894e14 * 0.4) / 3600;
    expect(row('deployment.gpuHours')).toMatchObject({ group: 'deployment', unit: 'device-hours' });
    expect(row('deployment.gpuHours').values[0] as number).toBeCloseTo(hours(a.best!.trainingFlops), 6);
    expect(row('deployment.costUsd').values[1] as number).toBeCloseTo(hours(b.best!.trainingFlops) * 2, 6);
    expect(row('deployment.wallClockDays').values[0] as number).toBeCloseTo(hours(a.best!.trainingFlops) / 512 / 24, 9);
    const csv = await w.call('reports.csv', { kind: 'comparison', ids });
    expect(JSON.stringify(csv)).toContain('deployment.costUsd');
  });

  it('task 2: serve on one 8×H100 node with GQA-8 and a 32k context', async () => {
    // The compute-optimal E = 64 design at 1e22 (about 500B parameters) cannot fit: said, with by how much.
    const compute = await w.call('plan.compute', { flops: 1e22 });
    const big = compute.best!.buildable.shape;
    const serving = { hardwareId: '8xh100', devices: 8, context: 32_768, batch: 1 };
    const gqa = { kind: 'gqa' as const, kvHeads: 8, headDim: 128 };
    const tooBig = await w.call('deploy.check', { model: { kind: 'design', dModel: big.dModel, nBlocks: big.nBlocks, nHeads: big.nHeads, experts: big.experts }, attention: gqa, serving });
    expect(tooBig.serving!.fits).toBe(false);
    expect(tooBig.serving!.warnings.join(' ')).toMatch(/Short by/);
    // Capped at 80% of the node's memory in all (the cap pools the node; per device, the dense part is
    // replicated over the data-parallel attention ranks and the cache sits beside the experts), it fits.
    const plan = await w.call('plan.memory', { flops: 1e22, hardwareId: '8xh100', usableFraction: 0.8 });
    const s = plan.best!.buildable.shape;
    const check = await w.call('deploy.check', { model: { kind: 'design', dModel: s.dModel, nBlocks: s.nBlocks, nHeads: s.nHeads, experts: s.experts }, attention: gqa, serving });
    const sv = check.serving!;
    expect(sv.cluster).toBe('one 8x NVIDIA H100 SXM node (8 devices)');
    expect(sv.kvBytesPerToken).toBe(2 * s.nBlocks * 8 * 128 * 2);
    expect(sv.usable.usableBytes).toBeCloseTo(0.9 * 80 * GiB, 0);
    expect(sv.fits).toBe(true);
    expect(check.model.attentionNote).toMatch(/grouped-query.*design problems keep the joint law's MHA/);
  });

  it('task 3: train on 64 H100s with ZeRO-1', async () => {
    const check = await w.call('deploy.check', {
      model: { kind: 'preset', id: 'mixtral-8x7b' },
      training: { hardwareId: 'h100-sxm', devices: 64, zero: [1], flops: 1e23 },
    });
    const t = check.training!;
    expect(t.best!.layout.zero).toBe(1);
    expect(t.best!.memory.totalBytes).toBeLessThanOrEqual(t.usable.usableBytes);
    expect(check.time!.wallClockDays).toBeCloseTo(1e23 / (H100_PEAK * 0.4) / 3600 / 64 / 24, 9);
  });

  it('counts devices, whole nodes for a node profile, and names the field otherwise', async () => {
    const m = await w.call('plan.memory', { flops: 1e22, hardwareId: '8xh100', deviceCount: 16 });
    expect(m.memory!.bytes).toBe(16 * 80 * GiB);
    expect(m.memory!.source).toContain('2 × 8x NVIDIA H100 SXM node (16 devices)');
    const bad = await w.raw('plan.memory', { flops: 1e22, hardwareId: '8xh100', deviceCount: 12 });
    if (bad.ok) expect.fail('12 devices on an 8-device node profile accepted');
    else expect(bad.error).toMatchObject({ code: 'invalid-request', path: ['deviceCount'] });
  });

  it('a pasted config.json with a bad field is an error at that field; presets list their sources', async () => {
    const bad = await w.raw('deploy.check', { model: { kind: 'config', json: '{"num_hidden_layers": 2, "hidden_size": 64}' }, serving: { hardwareId: 'h100-sxm', devices: 1 } });
    if (bad.ok) expect.fail('accepted');
    else expect(bad.error.path).toEqual(['model', 'json', 'num_attention_heads']);
    const p = await w.call('deploy.presets', {});
    expect(p.presets.map((x) => x.id)).toEqual(['llama-3-70b', 'mixtral-8x7b', 'deepseek-v3']);
  });
});
