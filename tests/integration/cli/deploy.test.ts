/** The deployment commands as a script would use them: fixed names and JSON keys (issue 11). */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

describe('moe-workbench memory and plan time/cost', async () => {
  it('memory kv prints bytesPerToken for Llama-3-70B and DeepSeek-V3', async () => {
    expect((await cliJson('memory', 'kv', '--layers', '80', '--kv-heads', '8', '--head-dim', '128', '--tokens', '32768', '--kv-bytes', '2'))).toMatchObject({ bytesPerToken: 327_680, totalBytes: 327_680 * 32_768 });
    expect((await cliJson('memory', 'kv', '--layers', '61', '--latent-dim', '512', '--rope-dim', '64', '--tokens', '1', '--kv-bytes', '2')).bytesPerToken).toBe(70_272);
  });

  it('memory training prints modelStatesBytes (ZeRO Figure 1, stage 3: 1.9 GB) and rejects a bad TP by name', async () => {
    const r = await cliJson('memory', 'training', '--params', '7.5e9', '--devices', '64', '--zero', '3');
    expect(+((r.modelStatesBytes as number) / 1e9).toFixed(1)).toBe(1.9);
    const bad = await cli('memory', 'training', '--params', '7.5e9', '--devices', '64', '--zero', '1', '--tp', '3', '--heads', '32', '--layers', '32', '--hidden', '4096');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/tp 3 does not divide the 32 attention heads/);
  });

  it('plan compute --hardware --devices --price reports timeCost.gpuHours, wallClockDays and costUsd', async () => {
    const r = await cliJson('plan', 'compute', '--flops', '1e22', '--experts', '1,8', '--hardware', 'h100-sxm', '--devices', '512', '--utilization', '0.5', '--price', '2');
    const gpuHours = 1e22 / (9.894e14 * 0.5) / 3600;
    const t = r.timeCost as { gpuHours: number; wallClockDays: number; costUsd: number };
    expect(t.gpuHours).toBeCloseTo(gpuHours, 6);
    expect(t.wallClockDays).toBeCloseTo(gpuHours / 512 / 24, 9);
    expect(t.costUsd).toBeCloseTo(gpuHours * 2, 6);
  });

  it('plan inference --no-memory-cap: --hardware and --devices price the plan (gpuHours, wallClockDays, costUsd) and cap nothing; --power gives energyKwh', async () => {
    const r = await cliJson('plan', 'inference', '--flops', '1e23', '--inference-tokens', '2e12', '--experts', '1,8', '--hardware', 'h100-sxm', '--devices', '512', '--no-memory-cap', '--utilization', '0.4', '--price', '2.5', '--power', '700');
    expect(r.memory).toBeNull();
    const best = r.best as { trainingFlops: number; bindingConstraint: string };
    expect(best.bindingConstraint).toBe('compute');
    const gpuHours = best.trainingFlops / (9.894e14 * 0.4) / 3600;
    const t = r.timeCost as { gpuHours: number; wallClockDays: number; costUsd: number; energyKwh: number; devices: number };
    expect(t.devices).toBe(512);
    expect(t.gpuHours).toBeCloseTo(gpuHours, 6);
    expect(t.wallClockDays).toBeCloseTo(gpuHours / 512 / 24, 9);
    expect(t.costUsd).toBeCloseTo(gpuHours * 2.5, 6);
    expect(t.energyKwh).toBeCloseTo((gpuHours * 700) / 1000, 6);
    const clash = await cli('plan', 'inference', '--flops', '1e23', '--inference-tokens', '2e12', '--memory', '80GiB', '--no-memory-cap');
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toMatch(/--no-memory-cap and --memory/);
  });

  it('plan memory --attention gqa caps by the GQA cache: 327,680 B/token at 80 blocks, as Llama-3-70B; the note says which convention is in force', async () => {
    const r = await cliJson('plan', 'memory', '--flops', '1e23', '--hardware', '8xh100', '--usable-fraction', '0.9', '--kv-tokens', '32768', '--experts', '8,32', '--attention', 'gqa', '--kv-heads', '8', '--head-dim', '128');
    expect(r.cacheLayout).toEqual({ kind: 'gqa', kvHeads: 8, headDim: 128 });
    expect(r.cacheLayoutNote).toMatch(/grouped-query attention \(8 KV heads × 128/);
    for (const c of r.candidates as Array<{ feasible: boolean; buildable: { shape: { nBlocks: number }; memory: { kvBytes: number } } }>) {
      if (!c.feasible) continue;
      // 2 · L · 8 · 128 values × 2 bytes per token: 327,680 B at L = 80, so 4,096 B per block.
      expect(c.buildable.memory.kvBytes).toBe((327_680 / 80) * c.buildable.shape.nBlocks * 32_768);
    }
    const mha = await cliJson('plan', 'memory', '--flops', '1e23', '--hardware', '8xh100', '--usable-fraction', '0.9', '--kv-tokens', '32768', '--experts', '8,32');
    expect(mha.cacheLayout).toEqual({ kind: 'mha' });
    const stray = await cli('plan', 'memory', '--flops', '1e23', '--hardware', '8xh100', '--latent-dim', '512');
    expect(stray.code).not.toBe(0);
    expect(stray.stderr).toMatch(/--latent-dim goes with --attention/);
  });

  it('deploy check takes the serving TP and EP, and refuses degrees that do not fit by field', async () => {
    const ok = await cliJson('deploy', 'check', '--preset', 'mixtral-8x7b', '--serve-hardware', '8xh100', '--serve-devices', '8', '--tp', '4', '--ep', '2');
    const s = ok.serving as { tp: number; ep: number; weightsBytes: number };
    expect([s.tp, s.ep]).toEqual([4, 2]);
    // Mixtral's published split: dense parts over TP, experts over EP, bf16.
    expect(s.weightsBytes).toBe((1_605_636_096 / 4 + 45_097_156_608 / 2) * 2);
    const tp = await cli('deploy', 'check', '--preset', 'mixtral-8x7b', '--serve-hardware', '8xh100', '--serve-devices', '8', '--tp', '3');
    expect(tp.code).not.toBe(0);
    expect(tp.stderr).toMatch(/serving tp 3 does not divide the 32 attention heads/);
    const ep = await cli('deploy', 'check', '--preset', 'mixtral-8x7b', '--serve-hardware', '8xh100', '--serve-devices', '8', '--ep', '16');
    expect(ep.stderr).toMatch(/serving ep 16 exceeds the 8 experts/);
    const path = await cli('call', 'deploy.check', JSON.stringify({ model: { kind: 'preset', id: 'mixtral-8x7b' }, serving: { hardwareId: '8xh100', devices: 8, tp: 16 } }), '--json');
    expect(path.code).not.toBe(0);
    expect(path.stdout + path.stderr).toMatch(/"path":\s*\[\s*"serving",\s*"tp"\s*\]/);
  });

  it('plan memory prices the training on --train-hardware × --train-devices, apart from the one-device memory cap', async () => {
    const r = await cliJson('plan', 'memory', '--flops', '1e22', '--experts', '1,8', '--hardware', 'h100-sxm', '--usable-fraction', '0.9', '--train-hardware', 'h100-sxm', '--train-devices', '512', '--price', '2');
    expect((r.memory as { deviceCount: number }).deviceCount).toBe(1);
    const t = r.timeCost as { devices: number; gpuHours: number; wallClockDays: number; costUsd: number };
    const gpuHours = (r.best as { trainingFlops: number }).trainingFlops / (9.894e14 * 0.4) / 3600;
    expect(t.devices).toBe(512);
    expect(t.gpuHours).toBeCloseTo(gpuHours, 6);
    expect(t.wallClockDays).toBeCloseTo(gpuHours / 512 / 24, 9);
    expect(t.costUsd).toBeCloseTo(gpuHours * 2, 6);
  });
});
