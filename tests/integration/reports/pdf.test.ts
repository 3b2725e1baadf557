/**
 * The PDF report of real scenarios: its extracted text (pdfjs-dist, as a reader would select
 * it) holds the key figures of the saved plan — best E, active parameters, tokens, loss — and
 * the citations; the page size is A4 or Letter as asked; a rendered page lands in
 * test-results/reports/ for a person to look at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { countText, openWorkspace, powerText, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

const OUT = resolve(__dirname, '../../../test-results/reports');

async function readPdf(bytes: Uint8Array): Promise<{ pages: number; sizes: Array<[number, number]>; text: string }> {
  const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const sizes: Array<[number, number]> = [];
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    sizes.push([x1 - x0, y1 - y0]);
    const content = await page.getTextContent();
    parts.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await doc.destroy();
  return { pages: doc.numPages, sizes, text: parts.join('\n').replace(/\s+/g, ' ') };
}

function hasPdftoppm(): boolean {
  return spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' }).error === undefined;
}

describe('reports.pdf', () => {
  let w: Workspace;
  let memory: ResponseOf<'plan.memory'>;
  let compute: ResponseOf<'plan.compute'>;
  let inference: ResponseOf<'plan.inference'>;
  const ids: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    w = await openWorkspace(undefined, 'Pilot, "Q3" runs');
    memory = await w.call('plan.memory', { flops: 1e22, hardwareId: 'h100-sxm', deviceCount: 1 });
    compute = await w.call('plan.compute', { flops: 1e21 });
    inference = await w.call('plan.inference', { flops: 1e22, inferenceTokens: 1e12 });
    ids.push((await w.save('H100 memory-bound ≈ 80 GiB', 'memory', memory, { hardwareProfileId: 'h100-sxm' })).id);
    ids.push((await w.save('Compute 1e21', 'compute', compute)).id);
    ids.push((await w.save('Inference-heavy → 1e12 tokens', 'inference', inference)).id);
  });
  afterAll(() => removeWorkspace(w));

  it('one scenario on A4: title, version, project, the design’s key figures, warnings and citations, as selectable text', async () => {
    const r = await w.call('reports.pdf', { scenarioIds: [ids[0]!] });
    const bytes = Buffer.from(r.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.sizeBytes).toBe(bytes.length);
    expect(r.fileName).toMatch(/\.pdf$/);
    writeFileSync(join(OUT, 'design-report-a4.pdf'), bytes);
    const pdf = await readPdf(new Uint8Array(bytes));
    for (const [wd, ht] of pdf.sizes) {
      expect(wd).toBeCloseTo(595.28, 0);
      expect(ht).toBeCloseTo(841.89, 0);
    }
    const best = memory.best!;
    const t = pdf.text;
    expect(t).toContain('Design report: H100 memory-bound ≈ 80 GiB');
    expect(t).toContain('MoE Workbench 0.1.0-test');
    expect(t).toContain('Pilot, "Q3" runs');
    expect(t).toContain(`E = ${best.experts} experts`);
    expect(t).toContain(`N_act = ${countText(best.nAct)}`);
    expect(t).toContain(`D = ${countText(best.tokens)}`);
    expect(t).toContain(`predicted loss ${best.loss.toPrecision(4)}`);
    expect(t).toContain(countText(best.nTotal));
    expect(t).toContain(countText(best.buildable.nAct));
    expect(t).toContain(best.buildable.shape.dModel.toLocaleString('en-US'));
    expect(t).toContain('Learning-rate and batch schedule');
    expect(t).toContain(powerText(best.recipe.learningRateSchedule.peakLearningRate, 3));
    // 1e22 FLOPs is beyond what the joint law was fitted on: the warning must be in the report.
    expect(t).toMatch(/Extrapolation: training compute/);
    expect(t).toContain('Ludziejewski, Pióro et al.');
    expect(t).toContain('arXiv:2502.05172');
    expect(t).toContain('ludziejewski2025-joint');
  });

  it('a comparison on Letter names every scenario, marks differences and carries each one’s figures', async () => {
    const r = await w.call('reports.pdf', { scenarioIds: ids, paper: 'letter' });
    const bytes = Buffer.from(r.base64, 'base64');
    writeFileSync(join(OUT, 'comparison-letter.pdf'), bytes);
    const pdf = await readPdf(new Uint8Array(bytes));
    for (const [wd, ht] of pdf.sizes) {
      expect(wd).toBeCloseTo(612, 0);
      expect(ht).toBeCloseTo(792, 0);
    }
    const t = pdf.text;
    expect(t).toContain('Comparison of 3 scenarios');
    expect(t).toContain('differ between the scenarios');
    for (const plan of [memory, compute, inference]) {
      expect(t).toContain(`E = ${plan.best!.experts} experts, N_act = ${countText(plan.best!.nAct)}`);
      expect(t).toContain(plan.best!.loss.toPrecision(4));
    }
    // Chart titles and axis names are text too (vector charts, not images).
    expect(t).toContain('Predicted loss per expert count');
    expect(t).toContain('Experts E (experts, log scale)');
    expect(t).toContain('arXiv:2502.05172');
  });

  it('renders a page image for a person to look at', (ctx) => {
    if (!hasPdftoppm()) {
      console.warn('pdftoppm is not installed (poppler-utils): skipping the page images');
      ctx.skip();
      return;
    }
    for (const name of ['design-report-a4', 'comparison-letter']) {
      const r = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '3', join(OUT, `${name}.pdf`), join(OUT, name)], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    const pngs = readdirSync(OUT).filter((f) => f.endsWith('.png'));
    expect(pngs.some((f) => f.startsWith('design-report-a4'))).toBe(true);
    expect(pngs.some((f) => f.startsWith('comparison-letter'))).toBe(true);
    expect(existsSync(OUT)).toBe(true);
  });

  it('refuses more than 6 scenarios and unknown paper sizes before any work', async () => {
    expect((await w.raw('reports.pdf', { scenarioIds: Array.from({ length: 7 }, (_, i) => `s${i}`) })).ok).toBe(false);
    const env = await w.raw('reports.pdf', { scenarioIds: [ids[0]], paper: 'a3' });
    expect(env).toMatchObject({ ok: false, error: { code: 'invalid-request', path: ['paper'] } });
  });
});
