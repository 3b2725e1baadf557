/**
 * `moe-workbench sweep iso-flop`: the joint law's Fig. 2a as rows. Each point's loss is Eq. 6 with
 * Table 3's coefficients (LAWS.md §1) worked out here at its N_act and D = C/(6·N_act); every point
 * lies on the iso-FLOP line; the marked optimum is the lowest loss of its line.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';
import { jointLossByHand } from './joint-by-hand';

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('moe-workbench sweep iso-flop', () => {
  it('every row is Eq. 6 on the iso-FLOP line, and the optimum row is its line’s lowest loss', async () => {
    const r = await cli('sweep', 'iso-flop', '--flops', '1e21', '--experts', '1,8,64', '--points', '9');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('experts (experts),nAct (parameters),tokens (tokens),loss (nats/token),optimum,coefficientSetId');
    const rows = lines.slice(1).map((l) => l.split(','));
    // An odd count puts the optimum on the line's middle point, marked there.
    expect(rows).toHaveLength(3 * 9);
    for (const E of [1, 8, 64]) {
      const mine = rows.filter((x) => Number(x[0]) === E).map(([, n, d, L, opt]) => ({ n: Number(n), d: Number(d), L: Number(L), opt }));
      expect(mine.filter((x) => x.opt === 'true')).toHaveLength(1);
      for (const x of mine) {
        expect(rel(6 * x.n * x.d, 1e21)).toBeLessThan(1e-9);
        expect(rel(x.L, jointLossByHand(x.n, x.d, E))).toBeLessThan(1e-9);
      }
      const best = mine.find((x) => x.opt === 'true')!;
      for (const x of mine) expect(best.L).toBeLessThanOrEqual(x.L + 1e-12);
    }
  });

  it('--json is the channel’s response; --format jsonl the same rows; a missing --flops is refused (exit 2)', async () => {
    const json = await cliJson('sweep', 'iso-flop', '--flops', '1e21', '--experts', '8', '--points', '5');
    expect(json.series[0].points).toHaveLength(5);
    const rows = (await cli('sweep', 'iso-flop', '--flops', '1e21', '--experts', '8', '--points', '5', '--format', 'jsonl')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.optimum)).toEqual([false, false, true, false, false]);
    expect(rows.map(({ optimum: _o, ...r }) => r)).toEqual(json.series[0].points.map((p: object) => ({ experts: 8, ...p, coefficientSetId: 'ludziejewski2025-joint' })));
    const missing = await cli('sweep', 'iso-flop');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing required option --flops');
  });
});
