/**
 * Issue 12's done-when, through the command line: the four planning tasks (10²² FLOPs; one 8×H100
 * node for serving at 10²³; 2 T lifetime inference tokens; 512 H100 × 30 days) saved with
 * `plan … --save` and compared with `report` give a PDF whose page 1 a manager can act on: each
 * scenario's sentence with its time and money where a cluster priced it, who wins on what, how far
 * the laws are stretched; the comparison before the appendix in at most 4 pages; no raw notation;
 * the dense baseline named; chart legends clear of their titles.
 *
 * Expectations come from the tasks themselves and the H100 datasheet (989.4 TFLOP/s dense BF16,
 * the profile's 40 % utilisation, $2.50 per GPU-hour as typed), from the plans' own flags, and
 * from a brute-force minimum of the Chinchilla loss, never from the report's code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-main/engine/fit/runs-csv';
import type { ComparisonModel } from '../../../src-main/reports/comparison';
import { chartCarriesInformation, pdfChart, textWidth } from '../../../src-main/reports/pdf';
import { measureText } from '../../../src-main/reports/fonts';
import { cli, cliJson, dataDir } from '../cli/run-cli';
import { countText } from '../../unit/reports/workspace';
import { pdfText } from './pdf-text';
import { RAW_NOTATION } from '../../e2e/fixtures/planner-units';
import hardwareSeed from '../../../resources/seed/hardware-profiles.json';

const H100_FLOPS = 989.4e12;
const UTILISATION = 0.4;
const PRICE = 2.5;
const TASK4_FLOPS = 512 * 30 * 86_400 * H100_FLOPS * UTILISATION;

const NAMES = ['Budget of 10²² FLOPs', 'Serve on one 8×H100 node (10²³ FLOPs)', '2 T lifetime inference tokens (10²³ FLOPs)', '512 H100 × 30 days'] as const;
const TASKS: string[][] = [
  ['plan', 'compute', '--flops', '1e22', '--dense-baseline', 'hoffmann2022'],
  ['plan', 'memory', '--flops', '1e23', '--hardware', '8xh100', '--usable-fraction', '0.9', '--price', String(PRICE)],
  ['plan', 'inference', '--flops', '1e23', '--inference-tokens', '2e12'],
  // Given as the Compute page takes it: devices × days on the profile (the CLI converts with the page's own rule).
  ['plan', 'compute', '--days', '30', '--hardware', 'h100-sxm', '--devices', '512', '--price', String(PRICE)],
];

/**
 * Raw notation a planner should never read: 1e22, 1.00e+22, 10^22, a float past six significant
 * digits (2.1234567; "0.09439", a four-digit constant in the appendix’s formulas, is not). arXiv
 * ids, dates and scenario ids (even wrapped at a hyphen) are names.
 */
const RAW = RAW_NOTATION;
const withoutNames = (p: string) =>
  p.replace(/arXiv:\d{4}\.\d{4,5}/g, '').replace(/ \d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, '').replace(/[0-9a-f]{8}-\s*[0-9a-f]{4}-\s*[0-9a-f]{4}-\s*[0-9a-f]{4}-\s*[0-9a-f]{12}/g, '');
const sig = (x: number, n: number) => String(Number(x.toPrecision(n)));
const num = (s: string) => Number(s.replace(/,/g, ''));

describe('the four planning tasks compared in one PDF, from the command line', () => {
  const plans: Array<Record<string, any>> = [];
  const ids: string[] = [];
  let pages: string[] = [];
  let lines: string[] = [];
  let csv: string[][] = [];

  beforeAll(async () => {
    const project = await cliJson('projects', 'create', '--name', 'Four planning tasks');
    for (const [i, task] of TASKS.entries()) plans.push(await cliJson(...task, '--save', NAMES[i]!, '--project', project.id as string));
    const listed = (await cliJson('scenarios', 'list', '--project', project.id as string)).items as Array<{ id: string; name: string }>;
    for (const name of NAMES) ids.push(listed.find((s) => s.name === name)!.id);
    const pdfPath = join(dataDir, 'four-tasks.pdf');
    const csvPath = join(dataDir, 'four-tasks.csv');
    const r = await cli('report', '--scenario', ids.join(','), '--pdf', pdfPath, '--csv', csvPath);
    expect(r.code, r.stderr).toBe(0);
    ({ pageTexts: pages, lines } = await pdfText(new Uint8Array(readFileSync(pdfPath))));
    const parsed = parseCsv(readFileSync(csvPath, 'utf8'));
    expect(parsed.errors).toEqual([]);
    csv = parsed.records.map((r) => r.fields);
  }, 120_000);

  it('no line ends inside a figure or its unit: not "(tokens/" above "param)", not "1.0 ×" above "10²²", not "12.3" above "B"', () => {
    // A line ending in "/" before a word, in "×" after a figure, or in a mantissa before its power of ten was cut inside a figure or a unit.
    const insideFigure = (line: string, next: string) =>
      (/\/$/.test(line) && /^[A-Za-z]/.test(next)) || /\d ×$/.test(line) || (/\d$/.test(line) && /^(×|10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻])/.test(next));
    // A figure at a line's end whose unit opens the next ("12.3" above "B", "10²²" above "FLOPs"); K, M, B, T as names ("K: scale", "T = H/n/24") are not units.
    const fromItsUnit = (line: string, next: string) =>
      /[\d⁰¹²³⁴⁵⁶⁷⁸⁹]$/.test(line) && /^([KMBT]\b(?!\s*[:=])|GiB\b|GB\b|FLOPs\b|tokens\b|days?\b|GPU-hours\b|nats\b)/.test(next);
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.some((l) => l.startsWith('How these figures were computed'))).toBe(true);
    const cuts = lines.flatMap((line, i) => {
      const next = lines[i + 1] ?? '';
      return insideFigure(line, next) || fromItsUnit(line, next) ? [`${line} ⏎ ${next}`] : [];
    });
    expect(cuts).toEqual([]);
  });

  it('page 1 holds each scenario’s sentence, with GPU-hours, days and dollars where a cluster priced it', () => {
    const first = pages[0]!;
    // Each scenario's sentence, from its name to the next one's (or to the next heading).
    const from = first.indexOf('Recommendation per scenario');
    const sentence = (i: number) => {
      const at = first.indexOf(`${i + 1}. ${NAMES[i]}: E = `, from);
      const end = i + 1 < NAMES.length ? first.indexOf(`${i + 2}. ${NAMES[i + 1]}: E = `, at) : first.indexOf('How far the laws are stretched', at);
      expect(at, NAMES[i]).toBeGreaterThan(from);
      // A line may break after the hyphen of "GPU-hours"; the text layer then reads "GPU- hours".
      return first.slice(at, end).replace(/GPU- hours/g, 'GPU-hours');
    };
    for (const [i, name] of NAMES.entries()) {
      const b = plans[i]!.best;
      expect(sentence(i)).toContain(`${i + 1}. ${name}: E = ${b.experts} experts, ${countText(b.nAct)} active of ${countText(b.nTotal)} total parameters`);
    }
    // The 512 × 30-day run: the budget is the cluster's, so it trains in 30 days for 512 × 30 × 24 GPU-hours at $2.50.
    const priced = (i: number) => {
      const m = /training: ([\d,]+) GPU-hours, ([\d.]+) days on [^;]+?, \$([\d,]+)/.exec(sentence(i));
      if (!m) throw new Error(`no priced training in the sentence of ${NAMES[i]}: ${sentence(i)}`);
      return { gpuHours: num(m[1]!), days: num(m[2]!), usd: num(m[3]!) };
    };
    const t4 = priced(3);
    expect(t4.days).toBeCloseTo(30, 5);
    expect(t4.gpuHours / (512 * 30 * 24)).toBeCloseTo(1, 2);
    expect(t4.usd / (512 * 30 * 24 * PRICE)).toBeCloseTo(1, 2);
    // Serving on one node also trains on it: 8 GPUs at 40 % of 989.4 TFLOP/s for the plan's training FLOPs.
    const hours = plans[1]!.best.trainingFlops / (H100_FLOPS * UTILISATION) / 3600;
    const t2 = priced(1);
    expect(t2.gpuHours / hours).toBeCloseTo(1, 2);
    expect(t2.days / (hours / 8 / 24)).toBeCloseTo(1, 2);
    expect(t2.usd / (hours * PRICE)).toBeCloseTo(1, 2);
    // No cluster chosen: the sentence says so instead of inventing a time.
    for (const i of [0, 2]) expect(sentence(i)).toContain('time and cost not priced');
  });

  it('page 1 says who wins on what and how far each plan lies outside the fitted ranges', () => {
    const first = pages[0]!;
    // The largest budget reaches the lowest loss; the node's 10²³ FLOPs cost less than 512 GPUs for 30 days but take longer.
    expect(first).toContain(`Lowest predicted loss: ${NAMES[3]}`);
    expect(first).toContain(`Fewest training FLOPs: ${NAMES[0]}`);
    expect(first).toContain(`Cheapest training run: ${NAMES[1]}`);
    expect(first).toContain(`Shortest training time: ${NAMES[3]} (30 days`);
    expect(first).toMatch(/Largest saving against dense: /);
    for (const [i, plan] of plans.entries()) {
      const f = (plan.flags as Array<{ variable?: string; value?: number; range?: { max?: number } }>).find((x) => x.variable === 'flops' && x.range?.max !== undefined);
      expect(f, NAMES[i]).toBeDefined();
      expect(first).toContain(`${i + 1}. ${NAMES[i]}: Far outside (beyond 10×)`);
      expect(first).toContain(`training compute F ${(f!.value! / f!.range!.max!).toPrecision(3)}× above`);
    }
  });

  it('the comparison takes at most 4 pages before the appendix, and no page shows raw notation', async () => {
    const appendix = pages.findIndex((p) => /^\s*Appendix\b/.test(p));
    expect(appendix).toBeGreaterThan(0);
    expect(appendix).toBeLessThanOrEqual(4);
    for (const [i, p] of pages.entries()) {
      const bad = RAW.exec(withoutNames(p));
      expect(bad, `page ${i + 1}: ${bad ? p.slice(Math.max(0, bad.index - 60), bad.index + 40) : ''}`).toBeNull();
    }
    // Three of them, as the issue counts: also at most 4 pages before the appendix.
    const three = join(dataDir, 'three-tasks.pdf');
    const r = await cli('report', '--scenario', ids.slice(0, 3).join(','), '--pdf', three);
    expect(r.code, r.stderr).toBe(0);
    const threePages = (await pdfText(new Uint8Array(readFileSync(three)))).pageTexts;
    expect(threePages.findIndex((p) => /^\s*Appendix\b/.test(p))).toBeLessThanOrEqual(4);
  });

  it('names the dense baseline in the PDF and the CSV, as chosen with --dense-baseline, with its citation', async () => {
    const shown = await cliJson('scenarios', 'show', ids[0]!);
    expect(shown.inputs.denseBaselineSetId).toBe('hoffmann2022');
    const body = pages.slice(1, pages.findIndex((p) => /^\s*Appendix\b/.test(p))).join(' ');
    expect(body).toContain('Dense baseline (Chinchilla-form set)');
    expect(body).toContain('[hoffmann2022]');
    expect(body).toContain('[besiroglu2024]');
    const row = (key: string) => csv.find((r) => r[1] === key)!.slice(4);
    const hoffmann = await cliJson('coefficients', 'show', 'hoffmann2022');
    const epoch = await cliJson('coefficients', 'show', 'besiroglu2024');
    expect(row('dense.baseline')[0]).toContain('[hoffmann2022]');
    expect(row('dense.baseline')[1]).toContain('[besiroglu2024]');
    expect(row('dense.baselineCitation')).toEqual([hoffmann.citation, epoch.citation, epoch.citation, epoch.citation]);
    expect(pages.join(' ')).toContain(hoffmann.citation.slice(0, 40));
    // Its compute-optimal size at the plan's training FLOPs: the minimum of L(N, F/6N) found by brute force.
    const v = hoffmann.values as Record<string, number>;
    const F = plans[0]!.best.trainingFlops as number;
    let best = { n: 0, loss: Infinity };
    for (let k = 0; k <= 200_000; k++) {
      const n = 10 ** (8 + (5 * k) / 200_000);
      const loss = v.E! + v.A! / n ** v.alpha! + v.B! / (F / 6 / n) ** v.beta!;
      if (loss < best.loss) best = { n, loss };
    }
    expect(Number(row('dense.baselineParams')[0]) / best.n).toBeCloseTo(1, 3);
    // A set that is not of Chinchilla form is refused by the flag's name, before anything is saved.
    const bad = await cli('plan', 'compute', '--flops', '1e22', '--dense-baseline', 'ludziejewski2025-joint');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--dense-baseline "ludziejewski2025-joint" is a joint set');
  });

  it('the charts the PDF draws keep their legends clear of their titles and of the plot', async () => {
    const model = (await cliJson('compare', 'scenarios', '--scenario', ids.join(','))) as unknown as ComparisonModel;
    const charts = model.charts.filter((c) => chartCarriesInformation(c, false));
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      const { svg, width } = pdfChart(chart, textWidth('a4'), 'binary');
      const texts = svgTexts(svg);
      const title = texts.find((t) => t.bold && t.size === 12);
      expect(title, chart.id).toBeDefined();
      const legendNames = new Set(chart.series.filter((s) => !s.band).map((s) => s.name));
      // A legend entry is its symbol (14 px, 5 px before the text) and its text.
      const legend = texts.filter((t) => legendNames.has(t.text)).map((t) => ({ ...t, left: t.left - 19 }));
      expect(legend.length, chart.id).toBe(legendNames.size);
      const plotTop = Math.min(...texts.filter((t) => t.anchor === 'end' && !legendNames.has(t.text)).map((t) => t.top));
      for (const l of legend) {
        expect(overlaps(l, title!), `${chart.id}: legend "${l.text}" overlaps the title`).toBe(false);
        expect(l.bottom, `${chart.id}: legend "${l.text}" reaches into the plot`).toBeLessThanOrEqual(plotTop);
        expect(l.left).toBeGreaterThanOrEqual(0);
        expect(l.right, `${chart.id}: legend "${l.text}" runs past the chart`).toBeLessThanOrEqual(width);
        for (const other of legend) if (other !== l) expect(overlaps(l, other), `${chart.id}: "${l.text}" on "${other.text}"`).toBe(false);
      }
    }
  });

  it('the 512 H100 × 30 days task is given as devices × days, converted by the H100 datasheet peak at the profile utilisation', () => {
    expect(plans[3]!.flops / TASK4_FLOPS).toBeCloseTo(1, 12);
    expect(plans[3]!.timeCost.wallClockDays).toBeCloseTo(30, 9);
    const row = csv.find((r) => r[1] === 'inputs.budgetSource')!;
    // The hardware is named as the hardware list names it, not by its id.
    const h100 = hardwareSeed.profiles.find((p) => p.id === 'h100-sxm')!;
    expect(row.slice(-4)).toEqual(['typed FLOP budget', 'typed FLOP budget', 'typed FLOP budget', `512 × ${h100.name} for 30 days at 40% utilisation`]);
  });
});

interface TextBox {
  text: string;
  size: number;
  bold: boolean;
  anchor: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The text elements of an ECharts SSR SVG with their boxes: position from the element's
 * translate plus its x/y, width from the font's own advance widths, one font size tall around a
 * central baseline (rotated axis names are left out).
 */
function svgTexts(svg: string): TextBox[] {
  const out: TextBox[] = [];
  for (const m of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const attrs = m[1]!;
    const text = m[2]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    const at = /transform="translate\(([-\d.]+)[ ,]([-\d.]+)\)"/.exec(attrs);
    if (!at) continue;
    const size = Number(/font-size:([\d.]+)px/.exec(attrs)?.[1] ?? 12);
    const bold = /font-weight:bold/.test(attrs);
    const x = Number(at[1]) + Number(/\sx="([-\d.]+)"/.exec(attrs)?.[1] ?? 0);
    const y = Number(at[2]) + Number(/\sy="([-\d.]+)"/.exec(attrs)?.[1] ?? 0);
    const anchor = /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start';
    const w = measureText(text, `${bold ? 'bold ' : ''}${size}px DejaVu Sans`);
    const left = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
    out.push({ text, size, bold, anchor, left, right: left + w, top: y - size / 2, bottom: y + size / 2 });
  }
  return out;
}

const overlaps = (a: TextBox, b: TextBox) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
