/**
 * The report fonts shape text with kerning and standard ligatures only (fonts.ts REPORT_FEATURES),
 * which spares the first report of a process DejaVu's other lookups. That must change nothing on
 * the page: every string a real comparison report lays out (recorded while it renders: tables,
 * sentences, chart labels and ticks), and the format module's exponents and signs, gets the same
 * glyphs at the same positions as with fontkit's full default shaping, in both weights.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lightPostTable, parsedReportFonts, REPORT_FEATURES } from '../../../src-main/reports/fonts';
import * as fmt from '../../../src-main/format';
import { openWorkspace, removeWorkspace, type Workspace } from './workspace';

interface Run {
  glyphs: Array<{ id: number }>;
  positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }>;
}
type Layout = (text: string, features?: Record<string, boolean> | string[]) => Run;
type Shaper = { layout: Layout };

const shape = (r: Run) => r.glyphs.map((g, i) => {
  const p = r.positions[i]!;
  return `${g.id}@${p.xAdvance},${p.yAdvance},${p.xOffset},${p.yOffset}`;
});

describe('report fonts: kerning and ligatures only', () => {
  let w: Workspace;
  const seen = { regular: new Set<string>(), bold: new Set<string>() };

  beforeAll(async () => {
    w = await openWorkspace();
    const ids = [
      (await w.save('Compute 10²² → best E', 'compute', await w.call('plan.compute', { flops: 1e22 }))).id,
      (await w.save('Serve on 8×H100 ≈ 0.9', 'memory', await w.call('plan.memory', { flops: 1e23, hardwareId: '8xh100', deviceCount: 8, usableFraction: 0.9 }), { hardwareProfileId: '8xh100' })).id,
      (await w.save('Inference 2 T tokens', 'inference', await w.call('plan.inference', { flops: 1e23, inferenceTokens: 2e12 }))).id,
      (await w.save('Cluster priced', 'compute', await w.call('plan.compute', { flops: 5e23, hardwareId: 'h100-sxm', deviceCount: 512, pricePerDeviceHour: 2.5 }))).id,
    ];
    const fonts = parsedReportFonts() as unknown as { regular: Shaper; bold: Shaper };
    const record = (f: Shaper, into: Set<string>) => {
      const inner = f.layout;
      f.layout = (text, features) => (into.add(text), inner(text, features));
      return () => (f.layout = inner);
    };
    const restore = [record(fonts.regular, seen.regular), record(fonts.bold, seen.bold)];
    try {
      await w.call('reports.pdf', { scenarioIds: ids, byteConvention: 'decimal' });
      await w.call('reports.pdf', { scenarioIds: [ids[1]!] });
    } finally {
      for (const r of restore) r();
    }
  }, 120_000);
  afterAll(() => removeWorkspace(w));

  it('a report lays out many strings in both weights (the recording works)', () => {
    expect(seen.regular.size).toBeGreaterThan(300);
    expect(seen.bold.size).toBeGreaterThan(20);
    expect([...seen.regular].some((t) => /[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(t))).toBe(true);
  });

  it('every string of the report shapes as with fontkit’s default features', () => {
    const fonts = parsedReportFonts() as unknown as { regular: Shaper; bold: Shaper };
    // The format module's exponents (10⁻⁹ … 10³⁰) and signs, whether or not this report printed them.
    const formatted = Array.from({ length: 40 }, (_, i) => `${fmt.flops(3 * 10 ** (i - 9))} ${fmt.times(1.5)} ≈ ≤ ≥ → ± σ β α δ μ ∞ — – × · ′ ″ ‰ %`);
    for (const weight of ['regular', 'bold'] as const) {
      const font = fonts[weight];
      const differs: string[] = [];
      for (const text of [...seen[weight], ...formatted]) {
        // An explicit empty list keeps fontkit's defaults; no argument gets REPORT_FEATURES.
        if (shape(font.layout(text)).join(' ') !== shape(font.layout(text, [])).join(' ')) differs.push(text);
      }
      expect(differs, weight).toEqual([]);
    }
  });

  it('keeps kerning and the fi ligature', () => {
    const { regular } = parsedReportFonts() as unknown as { regular: Shaper };
    expect(REPORT_FEATURES.kern ?? true).toBe(true);
    const av = regular.layout('AV');
    const spaced = regular.layout('A').positions[0]!.xAdvance;
    expect(av.positions[0]!.xAdvance).toBeLessThan(spaced); // A and V kerned together
    expect(regular.layout('fit').glyphs.length).toBe(2); // fi + t
  });
});

describe('report fonts: the post table read lightly', () => {
  type Entry = { tag: string; offset: number; length: number };
  type Internals = Parameters<typeof lightPostTable>[0] & { post: Record<string, unknown>; directory: { tables: { post: Entry } } };

  it('gives the header fontkit decodes, without decoding the glyph names until asked', () => {
    const fonts = parsedReportFonts() as unknown as Record<'regular' | 'bold', Internals>;
    for (const weight of ['regular', 'bold'] as const) {
      const font = fonts[weight];
      const entry = font.directory.tables.post;
      // fontkit's own decoding of the whole table, beside the one the font now holds.
      const full = font._decodeTable(entry);
      const decoded: Entry[] = [];
      const light = { ...font, _tables: {}, _decodeTable: (e: Entry) => (decoded.push(e), font._decodeTable(e)) } as unknown as Internals;
      lightPostTable(light);
      const post = light._tables.post as Record<string, unknown>;
      for (const key of ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1']) {
        expect(post[key], `${weight} ${key}`).toEqual(full[key]);
      }
      expect(full.version).toBe(2);
      expect(decoded).toEqual([]);
      // DejaVu's names, on demand, as fontkit gives them.
      expect(post.numberOfGlyphs).toBe(full.numberOfGlyphs);
      expect(post.glyphNameIndex).toEqual(full.glyphNameIndex);
      expect((post.names as string[]).length).toBeGreaterThan(5000);
      expect(post.names).toEqual(full.names);
      expect(decoded).toEqual([entry]);
      // The parsed report font itself holds the light table.
      expect(font.post.isFixedPitch).toBe(full.isFixedPitch);
      expect(Object.getOwnPropertyDescriptor(font._tables.post, 'names')?.get).toBeTypeOf('function');
    }
  });
});
