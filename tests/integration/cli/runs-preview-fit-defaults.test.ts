/**
 * `moe-workbench runs preview FILE` and `fit defaults --law LAW`: the preview names a bad row by
 * its line in the file and reads the good rows as the file says (D = F/(6N), LAWS.md §5); the
 * defaults are the published replication settings (LAWS.md §5: drop the 5 highest-loss points,
 * log-Huber δ = 10⁻³; §1 App. B: δ = 0.01, the 30 lowest-loss runs held out, its grid of starts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, dataDir, root } from './run-cli';

const CHINCHILLA = resolve(root, '../shared/data/chinchilla_svg_extracted_data.csv');
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('moe-workbench runs preview', () => {
  const lines = readFileSync(CHINCHILLA, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const at = (row: string, name: string) => Number(row.split(',')[header.indexOf(name)]);

  it('names the bad line of a file (exit 1), and reads the others as written', async () => {
    // Line 1 is the header; line 5 of the file gets a loss that is not a number.
    const bad = [...lines.slice(0, 12)];
    const cells = bad[4]!.split(',');
    cells[header.indexOf('loss')] = 'n/a';
    bad[4] = cells.join(',');
    const file = join(dataDir, 'bad-line.csv');
    writeFileSync(file, bad.join('\n') + '\n');
    const r = await cli('runs', 'preview', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1 problem in the runs/);
    expect(r.stdout).toMatch(/^ {2}line 5 \(loss\): /m);
    expect(r.stdout).not.toMatch(/line (?!5)\d+ \(/);
    // Each column's variable, as the Fit page's mapping shows it.
    expect(r.stdout).toMatch(/Model Size\s+nAct\s+raw/);
    expect(r.stdout).toMatch(/Training FLOP\s+flops\s+raw/);
    expect(r.stdout).toMatch(/^hex_color\s+\(not used\)/m);

    const good = join(dataDir, 'good.csv');
    writeFileSync(good, lines.slice(0, 12).join('\n') + '\n');
    const pv = await cliJson('runs', 'preview', good);
    expect(pv.ok).toBe(true);
    expect(pv.runCount).toBe(11);
    for (const s of pv.sample as Array<{ line: number; nAct: number; tokens: number; loss: number }>) {
      const row = lines[s.line - 1]!;
      expect(s.nAct).toBe(at(row, 'Model Size'));
      expect(rel(s.tokens, at(row, 'Training FLOP') / (6 * at(row, 'Model Size')))).toBeLessThan(1e-12);
      expect(s.loss).toBe(at(row, 'loss'));
    }
    const text = await cli('runs', 'preview', good);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('11 valid runs.');
  });

  it('says the whole Chinchilla file looks like the replication data set and names its preset', async () => {
    const r = await cli('runs', 'preview', CHINCHILLA, '--law', 'chinchilla');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${lines.length - 1} valid runs.`);
    expect(r.stdout).toContain('fit --preset chinchilla-replication');
  });

  it('refuses a file it cannot read, naming it', async () => {
    const r = await cli('runs', 'preview', join(dataDir, 'nowhere.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('FILE: cannot read');
  });
});

describe('moe-workbench fit defaults', () => {
  it('Chinchilla: δ = 10⁻³ on ln L and the replication preset drops the 5 highest-loss runs (Besiroglu et al. 2024)', async () => {
    const d = await cliJson('fit', 'defaults', '--law', 'chinchilla');
    expect(d.delta).toBe(1e-3);
    expect(d.presets).toHaveLength(1);
    expect(d.presets[0]).toMatchObject({ id: 'chinchilla-replication', settings: { delta: 1e-3, dropHighest: 5, holdoutLowest: 0 } });
    expect(d.presets[0].citation).toContain('arXiv:2404.10102');
    const text = await cli('fit', 'defaults', '--law', 'chinchilla');
    expect(text.stdout).toContain('Huber δ = 0.001 on ln L');
    expect(text.stdout).toContain('5 highest-loss runs dropped');
    expect(text.stdout).toContain('arXiv:2404.10102');
  });

  it('joint: App. B’s δ = 0.01, 30 held out, and its grid (α, β ∈ {0.05, 0.25, 0.5} as magnitudes, a, b ∈ {30, 100, 300}, c ∈ {0.5, 1, 2}, δ, γ, ω, ζ ∈ {−0.5, 0, 0.5})', async () => {
    const d = await cliJson('fit', 'defaults', '--law', 'joint');
    expect(d.delta).toBe(0.01);
    expect(d.presets[0]).toMatchObject({ id: 'joint-app-b', settings: { delta: 0.01, holdoutLowest: 30 } });
    // Each axis in the coefficient's own units, whichever key the response uses for it.
    const axis = (coefficient: string): number[] => {
      const p = (d.params as Array<{ name: string; coefficient: string; transform: string }>).find((x) => x.coefficient === coefficient)!;
      return d.grid[p.name] ? d.grid[p.name].map((x: number) => (p.transform === 'log' ? Math.exp(x) : x)) : d.grid[p.coefficient];
    };
    const close = (xs: number[], want: number[]) => expect(xs.map((x) => Number(x.toPrecision(12))).sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
    for (const k of ['alpha', 'beta']) close(axis(k).map(Math.abs), [0.05, 0.25, 0.5]);
    for (const k of ['a', 'b']) close(axis(k), [30, 100, 300]);
    close(axis('c'), [0.5, 1, 2]);
    for (const k of ['delta', 'gamma', 'omega', 'zeta']) close(axis(k), [-0.5, 0, 0.5]);
    // The paper lists nine axes of three values; E_start and E_max start at one value each.
    expect(d.starts).toBe(3 ** 9);
    const text = await cli('fit', 'defaults', '--law', 'joint');
    expect(text.stdout).toContain('L-BFGS from 19,683 starts');
    expect(text.stdout).toMatch(/^a\s+ln a\s+.*\(?30, 100, 300/m);
  });

  it('names --law when it is missing or not a fittable law', async () => {
    expect((await cli('fit', 'defaults')).stderr).toContain('Missing required option --law');
    expect((await cli('fit', 'defaults', '--law', 'leverage')).stderr).toContain('--law: "leverage" is not one of');
  });
});

describe('--map: the Fit page’s column mapping from the command line', () => {
  // Parameters in billions, tokens raw, loss in bits: nothing the importer recognises by name.
  const csv = ['size_b,tok,loss_bits', '0.5,1e10,4.1', '1.2,3e10,3.7', '2.4,6e10,3.5', '4.8,1e11,3.3', '9.6,2e11,3.2', '0.25,5e9,4.4'].join('\n');
  const file = join(dataDir, 'own-headers.csv');

  it('reads each column as mapped: B = 10⁹ parameters, bits × ln 2 = nats; previews, imports and fits the same runs', async () => {
    writeFileSync(file, csv);
    const unmapped = await cli('runs', 'preview', file);
    expect(unmapped.code).toBe(1);
    const map = 'nAct=size_b:B,tokens=1,loss=loss_bits:bits';
    const pv = await cliJson('runs', 'preview', file, '--map', map);
    expect(pv.ok).toBe(true);
    expect(pv.columns.map((c: { variable: string; header: string; unit: string }) => [c.variable, c.header, c.unit])).toEqual([['nAct', 'size_b', 'B'], ['tokens', 'tok', ''], ['loss', 'loss_bits', 'bits']]);
    const rows = csv.split('\n').slice(1).map((l) => l.split(',').map(Number));
    pv.sample.forEach((s: { nAct: number; tokens: number; loss: number }, i: number) => {
      expect(rel(s.nAct, rows[i]![0]! * 1e9)).toBeLessThan(1e-12);
      expect(s.tokens).toBe(rows[i]![1]);
      expect(rel(s.loss, rows[i]![2]! * Math.LN2)).toBeLessThan(1e-12);
    });
    const project = await cliJson('projects', 'create', '--name', 'Mapped runs');
    const imported = await cliJson('runs', 'import', '--project', project.id, '--runs', file, '--map', map);
    expect(imported.imported).toBe(6);
    const stored = (await cliJson('runs', 'list', '--project', project.id)).runs as Array<{ nAct: number; loss: number }>;
    expect(stored.map((r) => r.nAct).sort((a, b) => a - b)).toEqual(rows.map((r) => r[0]! * 1e9).sort((a, b) => a - b));
    const fitted = await cliJson('fit', '--law', 'chinchilla', '--runs', file, '--map', map);
    expect(fitted.result.counts.runs).toBe(6);
    // The residuals are of the mapped losses, in nats.
    for (const r of fitted.result.residuals) expect(rel(r.observedLoss, rows[r.index]![2]! * Math.LN2)).toBeLessThan(1e-12);
  }, 120_000);

  it('names --map for a variable, unit or column the file does not have', async () => {
    writeFileSync(file, csv);
    expect((await cli('runs', 'preview', file, '--map', 'params=size_b')).stderr).toContain('--map: "params" is not one of nAct');
    expect((await cli('runs', 'preview', file, '--map', 'nAct=size_b:billions')).stderr).toContain('--map: unit "billions" of nAct');
    const missing = await cli('runs', 'preview', file, '--map', 'nAct=size,tokens=tok,loss=loss_bits:bits');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('mapping.nAct: no column "size" in the header');
    expect((await cli('fit', '--law', 'chinchilla', '--runs', file, '--map', 'nAct=size,tokens=tok,loss=loss_bits:bits')).stderr).toMatch(/no column "size".*\(option --runs\)\n$/s);
    expect((await cli('fit', '--law', 'chinchilla', '--project', 'p', '--map', 'nAct=0')).stderr).toContain('--map maps a CSV file');
  });
});
