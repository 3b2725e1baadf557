/**
 * `moe-workbench sweep memory`: the joint law's Fig. 1a/3 as rows. Checked here: each row's loss
 * is Eq. 6 with Table 3's coefficients (LAWS.md §1) at its N_act and D on the line 6·N_act·D = C;
 * the budgets start at --min-memory and grow; more memory never gives a higher loss; the line
 * stops at the compute-optimal model, marked, which has the line's lowest loss.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';
import { jointLossByHand } from './joint-by-hand';

const rel = (a: number, b: number) => Math.abs(a / b - 1);
const args = ['sweep', 'memory', '--flops', '1e22', '--experts', '1,8,64', '--points', '6', '--min-memory', '8GiB', '--max-memory', '640GiB', '--model-only'];

describe('moe-workbench sweep memory', () => {
  it('rows on the iso-FLOP line, Eq. 6 by hand, loss falling with memory to the marked compute optimum', async () => {
    const r = await cli(...args);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('experts (experts),memoryBytes (bytes),nAct (parameters),tokens (tokens),loss (nats/token),optimum,coefficientSetId');
    const rows = lines.slice(1).map((l) => l.split(',')).map(([E, m, n, d, L, opt]) => ({ E: Number(E), m: Number(m), n: Number(n), d: Number(d), L: Number(L), opt }));
    for (const E of [1, 8, 64]) {
      const mine = rows.filter((x) => x.E === E);
      expect(mine.length).toBeGreaterThan(1);
      expect(rel(mine[0]!.m, 8 * 2 ** 30)).toBeLessThan(1e-9);
      expect(mine.filter((x) => x.opt === 'true')).toHaveLength(1);
      expect(mine.at(-1)!.opt).toBe('true');
      for (const [i, x] of mine.entries()) {
        expect(rel(6 * x.n * x.d, 1e22)).toBeLessThan(1e-9);
        expect(rel(x.L, jointLossByHand(x.n, x.d, E))).toBeLessThan(1e-9);
        if (i > 0) {
          expect(x.m).toBeGreaterThan(mine[i - 1]!.m);
          expect(x.L).toBeLessThanOrEqual(mine[i - 1]!.L + 1e-12);
        }
      }
    }
  });

  it('--json is the channel’s response; a bad memory budget is refused naming its option (exit 2)', async () => {
    const json = await cliJson(...args);
    expect(json.memoryMode).toBe('model');
    expect(json.series.map((s: { experts: number }) => s.experts)).toEqual([1, 8, 64]);
    const bad = await cli('sweep', 'memory', '--flops', '1e22', '--min-memory', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-memory');
  });
});
