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
});
