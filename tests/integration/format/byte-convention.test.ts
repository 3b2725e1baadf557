/**
 * Issue 12, item 1: memory in the reader's one convention everywhere a value appears — the CLI's
 * text, the sentences the services write (a budget's source, an infeasible plan's reason, a
 * deployment warning) and the PDF — with the convention stated once. One saved setting
 * (app.preferences) is the default of every transport; the CLI's --bytes overrides it per command.
 *
 * Expected figures come from the H100's 80 GiB (85,899,345,920 bytes, its datasheet's 80 GB HBM3
 * counted in 2³⁰) divided here by 10⁹ or 2³⁰, never from the formatter's output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';
import { pdfText } from '../reports/pdf-text';

const H100 = 80 * 2 ** 30;
const sig3 = (x: number) => String(Number(x.toPrecision(3)));
const GIB_WORDS = /\d (KiB|MiB|GiB|TiB)\b/;
const GB_WORDS = /\d (kB|MB|GB|TB)\b/;

let w: Workspace;
beforeAll(async () => {
  w = await openWorkspace();
});
afterAll(() => removeWorkspace(w));

const MEMORY_PLAN = ['plan', 'memory', '--flops', '1e23', '--hardware', '8xh100', '--usable-fraction', '0.9', '--experts', '1,8'];
const cli = async (...argv: string[]) => {
  const r = await runCli(argv, w.ctx);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};
const occurrences = (text: string, s: string) => text.split(s).length - 1;

describe('one byte convention for the CLI, the services and the PDF', () => {
  it('the CLI writes memory in GiB by default, the service-written source included, and says so once', async () => {
    const out = await cli(...MEMORY_PLAN);
    // 8 devices × 80 GiB, 90 % usable = 576 GiB.
    expect(out).toContain(`memory ${sig3((0.9 * 8 * H100) / 2 ** 30)} GiB`);
    expect(out).toContain(`8 × ${sig3(H100 / 2 ** 30)} GiB`);
    expect(out).not.toMatch(GB_WORDS);
    expect(occurrences(out, '1 GiB = 2³⁰ bytes')).toBe(1);
  });

  it('--bytes GB writes every memory figure in GB, the service-written source included', async () => {
    const out = await cli(...MEMORY_PLAN, '--bytes', 'GB');
    expect(out).toContain(`memory ${sig3((0.9 * 8 * H100) / 1e9)} GB`);
    expect(out).toContain(`8 × ${sig3(H100 / 1e9)} GB`);
    expect(out).not.toMatch(GIB_WORDS);
    expect(occurrences(out, '1 GB = 10⁹ bytes')).toBe(1);
  });

  it('a plan the memory cannot hold explains why in the chosen convention', async () => {
    const gb = await runCli(['plan', 'memory', '--flops', '1e22', '--memory', '20B', '--experts', '8', '--bytes', 'GB'], w.ctx);
    expect(gb.stdout).toMatch(/Nothing fits/);
    expect(gb.stdout).toMatch(GB_WORDS);
    expect(gb.stdout).not.toMatch(GIB_WORDS);
    const gib = await runCli(['plan', 'memory', '--flops', '1e22', '--memory', '20B', '--experts', '8', '--bytes', 'GiB'], w.ctx);
    expect(gib.stdout).toMatch(GIB_WORDS);
  });

  it('a deployment warning is written in the chosen convention', async () => {
    const args = ['deploy', 'check', '--preset', 'mixtral-8x7b', '--serve-hardware', 'rtx4090', '--serve-devices', '2', '--context', '32768'];
    const gb = await cli(...args, '--bytes', 'GB');
    expect(gb).toMatch(/Short by [\d.,]+ (MB|GB|TB) per device/);
    expect(gb).not.toMatch(GIB_WORDS);
    const gib = await cli(...args, '--bytes', 'GiB');
    expect(gib).toMatch(/Short by [\d.,]+ (MiB|GiB|TiB) per device/);
  });

  it('the saved preference is the default of the CLI, the services and the PDF', async () => {
    expect(await cli('preferences')).toMatch(/1 GiB = 2³⁰ bytes/);
    expect(await cli('preferences', 'set', '--memory-units', 'GB')).toMatch(/1 GB = 10⁹ bytes/);
    try {
      const out = await cli(...MEMORY_PLAN);
      expect(out).toContain(`8 × ${sig3(H100 / 1e9)} GB`);
      expect(out).not.toMatch(GIB_WORDS);

      const plan = await w.call('plan.memory', { flops: 1e23, hardwareId: '8xh100', usableFraction: 0.9, experts: [1, 8] });
      expect(plan.memory?.source).toContain(`${sig3(H100 / 1e9)} GB`);
      const saved = await w.save('8×H100 node', 'memory', plan);
      const pdf = await w.call('reports.pdf', { scenarioIds: [saved.id] });
      const { text } = await pdfText(new Uint8Array(Buffer.from(pdf.base64, 'base64')));
      expect(occurrences(text, '1 GB = 10⁹ bytes')).toBe(1);
      expect(text).toMatch(GB_WORDS);
      // Names such as "A100 80 GiB" are not figures; no figure is written in binary units.
      expect(text.replace(/\b80 GiB node|A100 (40|80) GiB/g, '')).not.toMatch(GIB_WORDS);
    } finally {
      await cli('preferences', 'set', '--memory-units', 'GiB');
    }
  });
});
