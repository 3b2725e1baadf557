/**
 * `moe-workbench coefficients create|update`: a set made of your own numbers is what `law joint`
 * then computes with (Eq. 6 recomputed here from LAWS.md §1 with those numbers), an update
 * changes only the values named, and a value the law does not read is refused naming it and --set.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, dataDir } from './run-cli';
import { jointLossByHand, TABLE_3 } from './joint-by-hand';

const rel = (a: number, b: number) => Math.abs(a / b - 1);
const lawJoint = async (id: string) => (await cliJson('law', 'joint', '--n-act', '1.3e9', '--tokens', '2.6e10', '--experts', '8', '--coefficients', id)).loss as number;

describe('moe-workbench coefficients create / update', () => {
  it('creates a joint set from --set, and law joint computes Eq. 6 with exactly those numbers', async () => {
    const mine = { ...TABLE_3, a: 30.5, c: 1.5, zeta: -0.03 };
    const set = Object.entries(mine).map(([k, v]) => `${k}=${v}`).join(',');
    const created = await cli('coefficients', 'create', '--law', 'joint', '--name', 'Joint, our numbers', '--set', set);
    expect(created.code, created.stderr).toBe(0);
    const id = /\[([^\]]+)\]/.exec(created.stdout)![1]!;
    expect(created.stdout).toContain('Created coefficient set "Joint, our numbers"');
    // Printed through format: 290.4521 to six significant digits.
    expect(created.stdout).toMatch(/eMax\s+290\.452\b/);
    const loss = await lawJoint(id);
    expect(rel(loss, jointLossByHand(1.3e9, 2.6e10, 8, mine))).toBeLessThan(1e-12);
    // Not the published set's answer: the numbers given are the ones used.
    expect(rel(loss, jointLossByHand(1.3e9, 2.6e10, 8))).toBeGreaterThan(1e-3);

    const updated = await cliJson('coefficients', 'update', id, '--set', 'c=1.25', '--notes', 'c lowered');
    expect(updated.values).toEqual({ ...mine, c: 1.25 });
    expect(updated.notes).toBe('c lowered');
    expect(rel(await lawJoint(id), jointLossByHand(1.3e9, 2.6e10, 8, { ...mine, c: 1.25 }))).toBeLessThan(1e-12);
  });

  it('creates from a file written by coefficients show --json, --set on top of its values', async () => {
    const file = join(dataDir, 'hoffmann.json');
    writeFileSync(file, JSON.stringify(await cliJson('coefficients', 'show', 'hoffmann2022')));
    const made = await cliJson('coefficients', 'create', '--from', file, '--name', 'Hoffmann, E = 1.8', '--set', 'E=1.8');
    expect(made.law).toBe('chinchilla');
    expect(made.provenance).toBe('user-edited');
    // LAWS.md §5, Approach 3, with E replaced.
    expect(made.values).toEqual({ A: 406.4, B: 410.7, E: 1.8, alpha: 0.34, beta: 0.28 });
    const L = (await cliJson('law', 'chinchilla', '--params', '7e10', '--tokens', '1.4e12', '--coefficients', made.id)).loss as number;
    expect(rel(L, 1.8 + 406.4 / 7e10 ** 0.34 + 410.7 / 1.4e12 ** 0.28)).toBeLessThan(1e-12);
  });

  it('refuses a value the law does not read, and a missing one, naming the value and --set; a bad pair before anything is sent', async () => {
    const typo = await cli('coefficients', 'create', '--law', 'chinchilla', '--name', 'typo', '--set', 'A=406.4,B=410.7,E=1.69,alfa=0.34,beta=0.28');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('values.alfa');
    expect(typo.stderr).toContain('(option --from or --set)');
    const missing = await cli('coefficients', 'create', '--law', 'chinchilla', '--name', 'short', '--set', 'A=406.4,B=410.7,E=1.69,alpha=0.34');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('needs beta');
    const pair = await cli('coefficients', 'create', '--law', 'chinchilla', '--name', 'x', '--set', 'A=4e2,B');
    expect(pair.code).toBe(2);
    expect(pair.stderr).toContain('--set: "B" is not name=value');
    const published = await cli('coefficients', 'update', 'hoffmann2022', '--set', 'E=1.8');
    expect(published.code).not.toBe(0);
    expect((await cliJson('coefficients', 'show', 'hoffmann2022')).values.E).toBe(1.69);
    const nothing = await cli('coefficients', 'update', 'hoffmann2022');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');
  });
});
