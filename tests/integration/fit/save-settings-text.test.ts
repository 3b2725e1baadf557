/**
 * A fit saved with a settings preset says in the set's provenance what the fit ran with: the
 * Chinchilla replication preset drops the 5 highest-loss runs (Besiroglu et al. 2024, LAWS.md §5),
 * so the set's notes say so, in agreement with its source's count of runs dropped; and the source
 * dates the fit as a reader compares it ("2026-12-02 15:47 UTC"), not as an ISO 8601 stamp.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, ctx, dataDir } from '../cli/run-cli';

/** L = 1.8 + 480/N^0.35 + 2000/D^0.37 over 5 sizes × 4 token counts (N in millions, D in billions). */
function runsCsv(): string {
  const lines = ['name,params (M),tokens (B),loss'];
  for (const N of [50, 100, 200, 400, 800]) for (const D of [1, 3, 10, 30]) lines.push(`n${N}-d${D},${N},${D},${(1.8 + 480 / (N * 1e6) ** 0.35 + 2000 / (D * 1e9) ** 0.37).toFixed(6)}`);
  return lines.join('\n') + '\n';
}

describe('the provenance of a fit saved with a preset', () => {
  it('names the settings the preset applied and dates the fit in the reader’s format', async () => {
    const project = await cliJson('projects', 'create', '--name', 'Preset notes');
    const file = join(dataDir, 'preset-notes-runs.csv');
    writeFileSync(file, runsCsv());
    const imported = await cli('runs', 'import', '--project', project.id, '--law', 'chinchilla', '--runs', file);
    expect(imported.code, imported.stderr).toBe(0);
    const fitted = await cli('fit', '--law', 'chinchilla', '--project', project.id, '--preset', 'chinchilla-replication', '--save-set', 'Preset notes fit');
    expect(fitted.code, fitted.stderr).toBe(0);
    const id = /Saved coefficient set "Preset notes fit" \[([^\]]+)\]/.exec(fitted.stderr)?.[1];
    expect(id, fitted.stderr).toBeTruthy();
    const set = ctx.store().coefficients.get(id!);
    expect(set.source).toContain('(15 trained on, 0 held out, 5 dropped)');
    expect(set.notes).toContain('dropped the 5 highest-loss runs');
    expect(set.notes).toContain('Huber δ = 0.001');
    expect(set.source).toMatch(/^Fitted on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC to 20 runs of project "Preset notes"/);
  }, 120_000);
});
