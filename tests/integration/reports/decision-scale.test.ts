/**
 * Page 1's type scale is chosen by measuring page 1 without drawing it (pdf.ts, Writer.measure and
 * decisionScale). Here every scale the search may choose (0.75 to 1 in hundredths) is also drawn,
 * as the report draws it, on a fresh PDFKit document, for 1 to 10 real saved scenarios: the drawn
 * page is the independent expectation. The measure must say "fits" exactly when the drawing stays
 * on its one page above the footer's room, its height must be the drawn height, and the scale chosen
 * must be the largest drawn scale that fits (0.75, the floor, when none does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../src-main/ipc/contract';
import { buildDecision, type Decision } from '../../../src-main/reports/decision';
import { decisionPageLayouts, type DecisionPageLayout } from '../../../src-main/reports/pdf';
import { comparisonResolvers, loadScenarios } from '../../../src-main/services/reports';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

const SCALES = Array.from({ length: 26 }, (_, i) => (75 + i) / 100);
// The report's head, as renderPdf writes it for a comparison.
const head = (n: number) => ({
  title: n === 1 ? 'Design report: one scenario' : `Comparison of ${n} scenarios`,
  line: 'Generated 2026-12-02 21:00 UTC by MoE Workbench 0.1.0-test · project: Scale · paper A4 · Bytes in GiB (2³⁰ bytes); GB would be 10⁹.',
});

type Ask = [name: string, wizard: string, channel: 'plan.compute' | 'plan.memory' | 'plan.inference', request: RequestOf<'plan.compute'> | RequestOf<'plan.memory'> | RequestOf<'plan.inference'>];
// The cold-report bench's four planning tasks (a comparison of four stays at scale 1), then more of the kinds a user saves.
const ASKS: Ask[] = [
  ['1e22 FLOPs', 'compute', 'plan.compute', { flops: 1e22 }],
  ['Serve on one 8×H100 node at 1e23', 'memory', 'plan.memory', { flops: 1e23, hardwareId: '8xh100', deviceCount: 8, usableFraction: 0.9 }],
  ['2e12 lifetime inference tokens', 'inference', 'plan.inference', { flops: 1e23, inferenceTokens: 2e12 }],
  ['512 H100 × 30 days', 'compute', 'plan.compute', { flops: 512 * 30 * 86400 * 9.894e14 * 0.4, hardwareId: 'h100-sxm', deviceCount: 512, pricePerDeviceHour: 2.5 }],
  ['Small compute-optimal run', 'compute', 'plan.compute', { flops: 1e21 }],
  ['One H100, memory-bound', 'memory', 'plan.memory', { flops: 1e22, hardwareId: 'h100-sxm', deviceCount: 1 }],
  ['Model in 320 GB', 'memory', 'plan.memory', { flops: 1e23, memoryBytes: 320e9, memoryMode: 'model' }],
  ['Heavy inference on 8 H100', 'inference', 'plan.inference', { flops: 1e23, inferenceTokens: 1e13, hardwareId: 'h100-sxm', deviceCount: 8 }],
  ['Light inference', 'inference', 'plan.inference', { flops: 1e22, inferenceTokens: 1e12 }],
  ['3e22 FLOPs', 'compute', 'plan.compute', { flops: 3e22 }],
];
const COUNTS = [1, 4, 5, 6, 7, 8, 10];

/** Whether the drawn page 1 fits: nothing ran onto a second page and it ends within the room above the footer. */
const drawnFits = (l: DecisionPageLayout) => l.drawn.pages === 1 && l.drawn.height <= l.drawn.room;

describe('page 1 is measured as it is drawn', () => {
  let w: Workspace;
  const decisions = new Map<number, Decision>();
  const results = new Map<number, ReturnType<typeof decisionPageLayouts>>();

  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Scale');
    const ids: string[] = [];
    for (const [name, wizard, channel, request] of ASKS) {
      const plan = await w.call(channel, request as RequestOf<'plan.compute'>);
      ids.push((await w.save(name, wizard, plan)).id);
    }
    for (const n of COUNTS) {
      const scenarios = loadScenarios(w.ctx, ids.slice(0, n), 'ids');
      const decision = buildDecision(scenarios, 'binary', comparisonResolvers(w.ctx));
      decisions.set(n, decision);
      results.set(n, decisionPageLayouts(decision, head(n), { paper: 'a4', byteConvention: 'binary', scales: SCALES }));
    }
  }, 240_000);
  afterAll(() => removeWorkspace(w));

  for (const n of COUNTS) {
    it(`${n} scenario${n > 1 ? 's' : ''}: at every scale the measure's verdict and height are the drawing's`, () => {
      for (const l of results.get(n)!.layouts) {
        expect(l.measured.fits, `scale ${l.scale}: drawn on ${l.drawn.pages} page(s), ${l.drawn.height.toFixed(2)} of ${l.drawn.room.toFixed(2)} pt`).toBe(drawnFits(l));
        // Where the drawing stayed on page 1 its height is comparable: the same to a millionth of a point.
        if (l.drawn.pages === 1) expect(l.measured.height, `scale ${l.scale}`).toBeCloseTo(l.drawn.height, 6);
      }
    });

    it(`${n} scenario${n > 1 ? 's' : ''}: the scale chosen is the largest that fits when drawn, and every smaller one fits too`, () => {
      const { chosen, layouts } = results.get(n)!;
      const fitting = layouts.filter(drawnFits).map((l) => l.scale);
      expect(chosen).toBe(fitting.length ? Math.max(...fitting) : 0.75);
      // The search relies on it: fitting is kept as the scale falls.
      const largest = Math.max(0, ...fitting);
      expect(fitting).toEqual(SCALES.filter((s) => s <= largest));
    });
  }

  it('four scenarios stay at scale 1; five and six fit on page 1 at a scale of 0.75 or more; ten run over at 0.75', () => {
    expect(results.get(4)!.chosen).toBe(1);
    for (const n of [5, 6]) {
      const { chosen, layouts } = results.get(n)!;
      expect(chosen).toBeGreaterThanOrEqual(0.75);
      expect(drawnFits(layouts.find((l) => l.scale === chosen)!)).toBe(true);
    }
    // The cases above include a search between the ends and the floor, so the checks cover both verdicts.
    expect([4, 5, 6, 7, 8].some((n) => results.get(n)!.chosen > 0.75 && results.get(n)!.chosen < 1)).toBe(true);
    expect(results.get(10)!.layouts.some(drawnFits)).toBe(false);
    expect(results.get(10)!.chosen).toBe(0.75);
    expect(decisions.get(10)!.scenarios).toHaveLength(10);
  });
});
