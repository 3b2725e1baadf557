/**
 * `moe-workbench sweep memory`: the joint law's Fig. 1a/3 as rows. Checked here: each row's loss
 * is Eq. 6 with Table 3's coefficients (LAWS.md §1) at its N_act and D on the line 6·N_act·D = C;
 * the budgets start at --min-memory and grow; more memory never gives a higher loss; the line
 * stops at the compute-optimal model, marked, which has the line's lowest loss.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

const K = { a: 35.91, alpha: -0.1889, delta: -0.2285, gamma: 0.0098, b: 35.98, beta: -0.1775, omega: 0.5529, zeta: -0.0259, eStart: 2.0732, eMax: 290.4521, c: 1.3637 };
function lossByHand(nAct: number, D: number, E: number): number {
  const eHat = 1 / (1 / (E - 1 + 1 / (1 / K.eStart - 1 / K.eMax)) + 1 / K.eMax);
  const l = Math.log(eHat);
  return K.a * eHat ** K.delta * nAct ** (K.alpha + K.gamma * l) + K.b * eHat ** K.omega * D ** (K.beta + K.zeta * l) + K.c;
}
const rel = (a: number, b: number) => Math.abs(a / b - 1);
const args = ['sweep', 'memory', '--flops', '1e22', '--experts', '1,8,64', '--points', '6', '--min-memory', '8GiB', '--max-memory', '640GiB', '--model-only'];

describe('moe-workbench sweep memory', () => {
  it('rows on the iso-FLOP line, Eq. 6 by hand, loss falling with memory to the marked compute optimum', async () => {
    const r = await cli(...args);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('experts (experts),memoryBytes (bytes),nAct (parameters),tokens (tokens),loss (nats/token),optimum');
    const rows = lines.slice(1).map((l) => l.split(',')).map(([E, m, n, d, L, opt]) => ({ E: Number(E), m: Number(m), n: Number(n), d: Number(d), L: Number(L), opt }));
    for (const E of [1, 8, 64]) {
      const mine = rows.filter((x) => x.E === E);
      expect(mine.length).toBeGreaterThan(1);
      expect(rel(mine[0]!.m, 8 * 2 ** 30)).toBeLessThan(1e-9);
      expect(mine.filter((x) => x.opt === 'true')).toHaveLength(1);
      expect(mine.at(-1)!.opt).toBe('true');
      for (const [i, x] of mine.entries()) {
        expect(rel(6 * x.n * x.d, 1e22)).toBeLessThan(1e-9);
        expect(rel(x.L, lossByHand(x.n, x.d, E))).toBeLessThan(1e-9);
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
