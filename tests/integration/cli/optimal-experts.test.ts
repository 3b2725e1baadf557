/**
 * `table optimal-experts`: the Memory page's optimal-E table (the joint law's Table 2) from the
 * command line. Each cell is checked against `plan memory` for the same budget and memory (the
 * design the Memory page recommends on that device: its best E and active parameters), the
 * columns against the devices' memory as the paper gives it (RTX 4090 24 GiB, H100 80 GiB,
 * 8×H100 640 GiB) and the hardware profiles, and the text against the planner units.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';
import { RAW_NOTATION } from '../../e2e/fixtures/planner-units';

const GIB = 2 ** 30;
type Cell = { memoryId: string; memoryBytes: number; feasible: boolean; bestExperts: number | null; nAct: number | null; loss: number | null; bindingConstraint: string | null };
type Table = { budgets: number[]; memories: Array<{ id: string; bytes: number }>; cells: Cell[][] };

describe('moe-workbench table optimal-experts', () => {
  it('by default: the paper’s budgets (10²⁰ to 10²⁴ FLOPs) and devices (24, 80 and 640 GiB), each cell the design plan memory recommends there', async () => {
    const t = (await cliJson('table', 'optimal-experts')) as unknown as Table;
    expect(t.budgets).toEqual([1e20, 1e21, 1e22, 1e23, 1e24]);
    expect(t.memories.map((m) => m.bytes)).toEqual([24 * GIB, 80 * GIB, 640 * GIB]);
    // Two cells per device, a low and a high budget, against the Memory page's plan.
    for (const [i, j] of [[0, 0], [3, 0], [1, 1], [4, 1], [2, 2], [4, 2]] as const) {
      const cell = t.cells[i]![j]!;
      const plan = await cliJson('plan', 'memory', '--flops', String(t.budgets[i]), '--memory', `${t.memories[j]!.bytes / GIB}GiB`);
      expect(cell.feasible).toBe(true);
      expect(cell.bestExperts).toBe(plan.best.experts);
      expect(cell.nAct).toBe(plan.best.nAct);
      expect(cell.loss).toBe(plan.best.loss);
      expect(cell.bindingConstraint).toBe(plan.best.bindingConstraint);
    }
  }, 120_000);

  it('on hardware profiles: a column per profile, its whole memory, as plan memory on that profile finds it', async () => {
    const t = (await cliJson('table', 'optimal-experts', '--budgets', '1e21,1e23', '--hardware', 'h100-sxm,8xh100', '--experts', '1,4,16,64')) as unknown as Table;
    expect(t.memories.map((m) => m.id)).toEqual(['h100-sxm', '8xh100']);
    expect(t.memories.map((m) => m.bytes)).toEqual([80 * GIB, 640 * GIB]);
    for (const [i, flops] of ['1e21', '1e23'].entries()) {
      for (const [j, hardware] of ['h100-sxm', '8xh100'].entries()) {
        const plan = await cliJson('plan', 'memory', '--flops', flops, '--hardware', hardware, '--usable-fraction', '1', '--experts', '1,4,16,64');
        expect(t.cells[i]![j]!.bestExperts).toBe(plan.best.experts);
        expect(t.cells[i]![j]!.nAct).toBe(plan.best.nAct);
      }
    }
  }, 120_000);

  it('writes the table in planner units: FLOPs as powers of ten, active parameters as counts, memory in the chosen convention', async () => {
    const t = (await cliJson('table', 'optimal-experts', '--budgets', '1e22', '--hardware', 'h100-sxm')) as unknown as Table;
    const c = t.cells[0]![0]!;
    const r = await cli('table', 'optimal-experts', '--budgets', '1e22', '--hardware', 'h100-sxm', '--bytes', 'GB');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1.0 × 10²²');
    // 80 GiB = 85.9 GB; the cell's active parameters to three significant digits in B.
    expect(r.stdout).toContain('h100-sxm (85.9 GB)');
    expect(r.stdout).toContain(`E = ${c.bestExperts}, ${Number((c.nAct! / 1e9).toPrecision(3))} B active (${c.bindingConstraint})`);
    expect(r.stdout).toContain('Memory in decimal units');
    expect(r.stdout.split('\n').filter((l) => RAW_NOTATION.test(l.replace(/arXiv:\d{4}\.\d{4,5}/g, '')))).toEqual([]);
  });

  it('names the option of a bad profile or an empty one', async () => {
    const unknown = await cli('table', 'optimal-experts', '--hardware', 'h100-sxm,abacus');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/No hardware profile "abacus".*--hardware/);
    const empty = await cli('table', 'optimal-experts', '--hardware', 'h100-sxm,');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--hardware/);
  });
});
