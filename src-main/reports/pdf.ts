/**
 * The PDF design report, for one scenario or a comparison of several, made in memory with
 * PDFKit: title, date, app version and project; the inputs; the recommendation with the full
 * design (exact and buildable shape, parameters, tokens, FLOPs, memory breakdown, learning-rate
 * and batch schedule); the charts as vector graphics (ECharts SVG drawn by svg-to-pdfkit);
 * extrapolation warnings; the assumptions and the citation of every law and coefficient set.
 *
 * All text is real text in an embedded DejaVu Sans (the standard PDF fonts lack ≈, μ, →, ⁹),
 * so it can be selected and searched. No network, no Electron: the app, the browser mode and
 * the CLI all call this.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { ChartData, ComparisonModel, Cell, ReportScenario } from './comparison';
import { howComputedAppendix, type FittedSetResolver, type NextRunResolver } from './how-computed';
import { buildComparison, lawContext, type ComparisonOptions } from './comparison';
import { chartHeight, chartSvg } from './charts-svg';
import * as fmt from '../format';
import type { ByteConvention } from '../format';
import { cacheLayoutLabel, readBand, readPlan, snapshotProblem, type FeasibleCandidate, type PlanSnapshot, type SnapshotBand, type SnapshotFigures } from './plan-snapshot';
import { parsedReportFonts } from './fonts';
import { bindFigures, wrapCell } from './line-breaks';
import { readTarget } from './target-snapshot';
import { targetSections } from './target-report';
import { nextRunSections, readNextRun } from './next-run-report';
import { buildDecision, type Decision } from './decision';
import { ARCHITECTURE_NOTES, LEVERAGE_NOTES, type ArchitectureDerived, type ArchitectureSnapshot, type LeverageDerived, type LeverageSnapshot } from './law-snapshots';

export type Paper = 'a4' | 'letter';

export interface PdfReportOptions {
  appVersion: string;
  paper?: Paper;
  /** When the report is made; defaults to now. */
  generatedAt?: Date;
  /** Skip the charts (faster; used by nothing but tests of the text). */
  charts?: boolean;
  /** Bytes as GB (10⁹) or GiB (2³⁰), the same everywhere in the report; binary unless chosen. */
  byteConvention?: ByteConvention;
  /** Finds coefficient sets to recompute derived tables of leverage and architecture scenarios. */
  resolveSet?: ComparisonOptions['resolveSet'];
  /** Finds the hardware profile a budget names, to write its name. */
  resolveHardware?: ComparisonOptions['resolveHardware'];
  /** Finds a saved next-run proposal's runs, fit and hardware, to write out how its figures were computed. */
  resolveNextRun?: NextRunResolver;
  /** Explains a fitted set a scenario uses from its saved fit record (checked first), for the appendix. */
  resolveFit?: FittedSetResolver;
  /** Page 1, when the caller has built it already (reports.pdf returns its winners too); else built here. */
  decision?: Decision;
}

/** Page sizes in PDF points (1/72 in). */
export const PAPER_SIZES: Record<Paper, { name: string; width: number; height: number }> = {
  a4: { name: 'A4', width: 595.28, height: 841.89 },
  letter: { name: 'LETTER', width: 612, height: 792 },
};

const MARGIN = 50;
const COLORS = { text: '#1a1a1a', muted: '#5a5a5a', rule: '#b8c2cc', head: '#e8eef5', differs: '#fff1c2', warn: '#9a3412', accent: '#1f4f99' };
const FONT = 'DejaVu';
const FONT_BOLD = 'DejaVu-Bold';

type Doc = PDFKit.PDFDocument;

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

// ---- Formatting of table cells by unit ------------------------------------------------------

/** A table cell by its unit, in the report's byte convention. */
export const formatCell = (v: Cell, unit: string, convention: ByteConvention = fmt.DEFAULT_BYTE_CONVENTION): string => fmt.cell(v, unit, convention);

const UNIT_SHORT: Record<string, string> = {
  'nats per token': 'nats/token',
  'tokens per parameter': 'tokens/param',
  'bytes per weight': 'B/weight',
  'bytes per value': 'B/value',
  'FLOPs per token': 'FLOPs/token',
  'nats per token per percentage point': 'nats/token per point',
  '1': 'dimensionless',
};
/** A row's unit in its label; none where the cells carry it (dates, shares written as %). */
const unitLabel = (u: string) => (u in UNIT_SHORT ? UNIT_SHORT[u]! : u === 'ISO 8601' || fmt.unitInCell(u) ? '' : u);

// ---- The writer -----------------------------------------------------------------------------

class Writer {
  readonly doc: Doc;
  readonly width: number;
  /** Bullets already printed (law notes in a scenario's section), so the assumptions do not repeat them. */
  readonly printed = new Set<string>();
  /**
   * Set while `measure` runs: text is then laid out by PDFKit's own line wrapper without being
   * drawn (heightOfString runs the wrapper text() runs, with the same options), nothing else is
   * drawn, and a page break is noted here instead of made. Only the text methods below (heading,
   * para, lead, bullets) take part; the others refuse.
   */
  private dryRun: { breaks: boolean } | null = null;

  constructor(doc: Doc, readonly convention: ByteConvention) {
    this.doc = doc;
    this.width = doc.page.width - 2 * MARGIN;
  }

  /** Bytes in the report's one convention (stated in its header). */
  bytes(x: number | null | undefined): string {
    return fmt.bytes(x, this.convention);
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN - 14;
  }

  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.breakPage();
  }

  newPage(): void {
    this.breakPage();
  }

  private breakPage(): void {
    if (this.dryRun) this.dryRun.breaks = true;
    else this.doc.addPage();
  }

  /** Refuses to draw what `measure` cannot measure. */
  private drawing(what: string): void {
    if (this.dryRun) throw new Error(`a ${what} cannot be measured without drawing it`);
  }

  /**
   * `text` at (x, y), or where the last text left off: drawn, or while measuring, laid out by the
   * same line wrapper (heightOfString) and only the position moved. PDFKit starts a new page before
   * a text whose first line would pass the page's foot (LineWrapper.wrap), noted as such; one
   * that breaks later in its lines ends below `bottom` when measured, as every further line is counted.
   * `height`: heightOfString of this very text, in this type and width, when the caller has it.
   */
  private write(text: string, at: { x: number; y: number } | null, options: PDFKit.Mixins.TextOptions = {}, height?: number): void {
    const doc = this.doc;
    if (!this.dryRun) {
      if (at) doc.text(text, at.x, at.y, options);
      else doc.text(text, options);
      return;
    }
    if (at) {
      doc.x = at.x;
      doc.y = at.y;
    }
    if (doc.y + doc.currentLineHeight(true) > doc.page.maxY()) this.dryRun.breaks = true;
    doc.y += height ?? doc.heightOfString(text, options);
  }

  /** Fill colour for what is drawn next (nothing while measuring: PDFKit writes it into the page). */
  private color(c: string): void {
    if (!this.dryRun) this.doc.fillColor(c);
  }

  /**
   * How far `layout` (text methods only) goes down from the current position, and whether it stays
   * on this page above `bottom` — measured, nothing drawn, the position and type restored. The same
   * words are then drawn from PDFKit's cache of their shapes, which measuring has filled.
   */
  measure(layout: () => void): { height: number; fits: boolean } {
    const doc = this.doc;
    // The type in use before the layout: a heading's space above it is a line of the type before it.
    const type = doc as unknown as { _font: unknown; _fontSize: number };
    const [x, y, font, size] = [doc.x, doc.y, type._font, type._fontSize];
    this.dryRun = { breaks: false };
    try {
      layout();
      return { height: doc.y - y, fits: !this.dryRun.breaks && doc.y <= this.bottom };
    } finally {
      this.dryRun = null;
      [doc.x, doc.y, type._font, type._fontSize] = [x, y, font, size];
    }
  }

  heading(text: string, level: 1 | 2 | 3 = 2): void {
    const size = level === 1 ? 18 : level === 2 ? 13 : 10.5;
    // Keep a heading with what follows it: never alone at the foot of a page.
    this.ensure(level === 1 ? size * 3 : 90);
    if (level !== 1) this.doc.moveDown(0.6);
    this.doc.font(FONT_BOLD).fontSize(size);
    this.color(level === 3 ? COLORS.text : COLORS.accent);
    this.write(bindFigures(text), { x: MARGIN, y: this.doc.y }, { width: this.width });
    if (level === 2) {
      const y = this.doc.y + 1;
      if (!this.dryRun) this.doc.moveTo(MARGIN, y).lineTo(MARGIN + this.width, y).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
      this.doc.y = y + 4;
    } else this.doc.moveDown(0.25);
    this.color(COLORS.text);
  }

  para(prose: string, opts: { size?: number; color?: string; bold?: boolean } = {}): void {
    // Prose breaks at its spaces, but never inside a figure or between it and its unit (line-breaks.ts).
    const text = bindFigures(prose);
    const size = opts.size ?? 9;
    this.doc.font(opts.bold ? FONT_BOLD : FONT).fontSize(size);
    const h = this.doc.heightOfString(text, { width: this.width });
    this.ensure(Math.min(h, 60));
    this.color(opts.color ?? COLORS.text);
    this.write(text, { x: MARGIN, y: this.doc.y }, { width: this.width }, h);
    this.color(COLORS.text);
    this.doc.moveDown(0.3);
  }

  /** A paragraph that opens with a bold lead-in ("1. 1e22 FLOPs:") and runs on in regular type. */
  lead(label: string, prose: string, opts: { size?: number } = {}): void {
    const text = bindFigures(prose);
    const size = opts.size ?? 9;
    this.doc.font(FONT).fontSize(size);
    this.ensure(Math.min(this.doc.heightOfString(`${label} ${text}`, { width: this.width }), 40));
    this.doc.font(FONT_BOLD);
    this.color(COLORS.text);
    this.write(`${label} `, { x: MARGIN, y: this.doc.y }, { width: this.width, continued: true });
    this.doc.font(FONT);
    this.write(text, null);
    this.doc.moveDown(0.3);
  }

  /** A list with a hanging bullet, or with its number when `numbered` (page 1's lists, one item per scenario, as its sentences are numbered). */
  bullets(items: string[], opts: { size?: number; color?: string; numbered?: boolean } = {}): void {
    const size = opts.size ?? 8.5;
    for (const [i, item] of items.entries()) {
      if (!this.dryRun) this.printed.add(item);
      this.doc.font(FONT).fontSize(size);
      // Broken at spaces here, as table cells are (PDFKit would also break after a "/": "D/" above
      // "N_act"); a line is measured with its line break, which PDFKit counts against the width.
      const text = wrapCell(item, this.width - 12, (s) => this.doc.widthOfString(`${s}\n`));
      const h = this.doc.heightOfString(text, { width: this.width - 12 });
      this.ensure(h + 2);
      const y = this.doc.y;
      this.color(opts.color ?? COLORS.text);
      this.write(opts.numbered ? `${i + 1}.` : '•', { x: MARGIN, y }, { width: 12 });
      this.write(text, { x: MARGIN + 12, y }, { width: this.width - 12 }, h);
      this.doc.moveDown(0.15);
    }
    this.color(COLORS.text);
    this.doc.moveDown(0.2);
  }

  /** A table that breaks across pages, repeating its header; `highlight` tints whole rows. */
  table(columns: Column[], rows: string[][], opts: { size?: number; highlight?: ReadonlySet<number>; boldFirst?: boolean; pad?: number } = {}): void {
    this.drawing('table');
    const size = opts.size ?? 8;
    const pad = opts.pad ?? 3;
    const doc = this.doc;
    const boldAt = (kind: 'head' | 'body', i: number) => kind === 'head' || (i === 0 && opts.boldFirst === true);
    const fontFor = (i: number, kind: 'head' | 'body') => doc.font(boldAt(kind, i) ? FONT_BOLD : FONT).fontSize(size);
    /**
     * A row's cells in lines, broken here, never inside a figure or a unit (line-breaks.ts), in the
     * font each cell is drawn in, and the row's height: wrapped once, measured and drawn as wrapped.
     */
    const wrapRow = (cells: string[], kind: 'head' | 'body') => {
      const texts = cells.map((c, i) => {
        fontFor(i, kind);
        return wrapCell(c || ' ', columns[i]!.width - 2 * pad - 0.5, (s) => doc.widthOfString(s));
      });
      const heights = texts.map((t, i) => {
        fontFor(i, kind);
        return doc.heightOfString(t, { width: columns[i]!.width - 2 * pad });
      });
      return { texts, height: Math.max(...heights) + 2 * pad, kind };
    };
    const drawRow = ({ texts, height: h, kind }: ReturnType<typeof wrapRow>, y: number, tint: string | null) => {
      if (tint) doc.rect(MARGIN, y, this.width, h).fill(tint);
      let x = MARGIN;
      texts.forEach((text, i) => {
        const col = columns[i]!;
        fontFor(i, kind);
        doc.fillColor(COLORS.text);
        doc.text(text, x + pad, y + pad, { width: col.width - 2 * pad, align: col.align ?? 'left', lineBreak: true });
        x += col.width;
      });
      doc.moveTo(MARGIN, y + h).lineTo(MARGIN + this.width, y + h).lineWidth(kind === 'head' ? 0.8 : 0.3).strokeColor(COLORS.rule).stroke();
    };
    const header = wrapRow(columns.map((c) => c.header), 'head');
    this.ensure(header.height + 16);
    let y = doc.y;
    drawRow(header, y, COLORS.head);
    y += header.height;
    rows.forEach((r, idx) => {
      const row = wrapRow(r, 'body');
      if (y + row.height > this.bottom) {
        doc.addPage();
        y = doc.y;
        drawRow(header, y, COLORS.head);
        y += header.height;
      }
      drawRow(row, y, opts.highlight?.has(idx) ? COLORS.differs : null);
      y += row.height;
    });
    doc.x = MARGIN;
    doc.y = y + 6;
  }

  keyValues(rows: Array<[string, string]>, opts: { keyWidth?: number; size?: number } = {}): void {
    const kw = opts.keyWidth ?? 190;
    this.table([{ header: 'Quantity', width: kw }, { header: 'Value', width: this.width - kw }], rows.map(([k, v]) => [k, v]), { size: opts.size ?? 8 });
  }

  /** The height `chart()` gives the chart, without drawing it (a chart's SVG costs as much as the chart). */
  chartHeight(chart: ChartData): number {
    return pdfChartHeight(chart, this.width);
  }

  chart(chart: ChartData): void {
    this.drawing('chart');
    const { svg, height } = pdfChart(chart, this.width, this.convention);
    this.ensure(height + 8);
    const y = this.doc.y;
    SVGtoPDF(this.doc, svg, MARGIN, y, {
      width: this.width,
      height,
      assumePt: true,
      fontCallback: (_family, bold) => (bold ? FONT_BOLD : FONT),
      warningCallback: () => undefined,
    });
    this.doc.x = MARGIN;
    this.doc.y = y + height + 8;
  }
}

/** The height of a chart drawn across a text column `width` points wide, in points. */
function pdfChartHeight(chart: ChartData, width: number): number {
  return chartHeight(chart, Math.round(width), 230);
}

/** A chart as the PDF draws it across a text column `width` points wide (exported so tests check the very SVG a report embeds). */
export function pdfChart(chart: ChartData, width: number, convention: ByteConvention): { svg: string; width: number; height: number } {
  const w = Math.round(width);
  const height = pdfChartHeight(chart, w);
  return { svg: chartSvg(chart, { width: w, height, byteConvention: convention }), width: w, height };
}

/** Width of a page's text column, in points. */
export const textWidth = (paper: Paper): number => PAPER_SIZES[paper].width - 2 * MARGIN;

// ---- Sections -------------------------------------------------------------------------------

function designRows(w: Writer, best: FeasibleCandidate): Array<[string, string, string]> {
  const b = best.buildable;
  const both = (label: string, f: (x: SnapshotFigures) => string): [string, string, string] => [label, f(best), f(b)];
  return [
    ['Expert count E', String(best.experts), String(b.shape.experts)],
    both('d_model', (x) => fmt.cell(x.shape.dModel, 'dimensions')),
    both('Blocks (layers)', (x) => fmt.cell(x.shape.nBlocks, 'count')),
    both('Attention heads', (x) => fmt.cell(x.shape.nHeads, 'count')),
    both('Vocabulary (tokens)', (x) => fmt.whole(x.shape.vocab)),
    both('Active parameters N_act', (x) => fmt.count(x.nAct)),
    both('Active non-embedding parameters', (x) => fmt.count(x.nActNonEmbedding)),
    both('Total parameters N_total', (x) => fmt.count(x.nTotal)),
    both('Training tokens D', (x) => fmt.count(x.tokens)),
    both('Tokens per active parameter', (x) => fmt.count(x.tokensPerParam)),
    both('Training compute (FLOPs)', (x) => fmt.flops(x.trainingFlops)),
    both('Inference compute (FLOPs)', (x) => fmt.flops(x.inferenceFlops)),
    both('Predicted loss (nats/token)', (x) => fmt.loss(x.loss)),
    both('Peak learning rate', (x) => fmt.significant(x.learningRate.value, 3)),
    both('Memory: weights', (x) => w.bytes(x.memory.weightsBytes)),
    both('Memory: KV cache', (x) => w.bytes(x.memory.kvBytes)),
    both('Memory: weights + KV cache', (x) => w.bytes(x.memory.totalBytes)),
  ];
}

function scenarioSection(w: Writer, s: ReportScenario, model: ComparisonModel, index: number, withCharts: boolean, single: boolean, options: ComparisonOptions): void {
  const plan = readPlan(s.results);
  w.heading(single ? `Scenario: ${s.name}` : `Scenario ${index + 1}: ${s.name}`, single ? 2 : 1);
  w.para(
    `${s.wizard} wizard · project ${s.projectName ?? s.projectId} · saved ${s.updatedAt.replace('T', ' ').slice(0, 16)} UTC${s.tags.length ? ` · tags: ${s.tags.join(', ')}` : ''} · id ${s.id}`,
    { size: 8, color: COLORS.muted },
  );
  if (s.inputsChanged) {
    w.para(
      `Inputs changed since this scenario was saved: ${s.changedInputs.map((c) => `${c.input === 'hardwareProfile' ? 'hardware profile' : 'coefficient set'} “${c.id}” ${c.reason}`).join('; ')}. The figures below are the saved snapshot; recompute the scenario to refresh them.`,
      { color: COLORS.warn, bold: true },
    );
  }
  if (s.notes.trim()) w.para(`Notes: ${s.notes.trim()}`, { size: 8.5 });

  const col = model.columns.findIndex((c) => c.id === s.id);
  const inputs = model.rows.filter((r) => r.group === 'inputs' && r.values[col] !== null && r.values[col] !== undefined);
  w.heading('Inputs', 3);
  if (inputs.length) w.keyValues(inputs.map((r) => [r.label + (unitLabel(r.unit) ? ` (${unitLabel(r.unit)})` : ''), formatCell(r.values[col] ?? null, r.unit, w.convention)]));
  else w.para('No inputs recorded in the snapshot.', { color: COLORS.muted });

  if (!plan) {
    const law = lawContext(s, options);
    const rowsOf = (prefix: string, group: string) =>
      model.rows.filter((r) => r.key.startsWith(prefix) && r.group === group && r.values[col] !== null && r.values[col] !== undefined);
    const kv = (rows: typeof model.rows) => rows.map((r): [string, string] => [r.label + (unitLabel(r.unit) ? ` (${unitLabel(r.unit)})` : ''), formatCell(r.values[col] ?? null, r.unit, w.convention)]);
    const chartsOf = (id: string) => (withCharts && single ? model.charts.filter((c) => c.id === id) : []);
    if (law.lev && law.levD) return leverageSections(w, s, law.lev, law.levD, kv(rowsOf('leverage.', 'design')), chartsOf('el-vs-activation'));
    if (law.arch && law.archD) return architectureSections(w, s, law.arch, law.archD, kv(rowsOf('architecture.', 'design')), chartsOf('loss-vs-active-ratio'));
    const target = readTarget(s.results);
    if (target) return targetSections(w, target);
    const nextRun = readNextRun(s.results);
    if (nextRun) return nextRunSections(w, nextRun);
    const other = model.rows.filter((r) => r.group === 'other' && r.values[col] !== null);
    w.heading('Results', 3);
    const problem = snapshotProblem(s.results);
    if (problem) w.para(problem, { color: COLORS.warn, bold: true });
    if (other.length) w.keyValues(other.map((r) => [r.label, formatCell(r.values[col] ?? null, r.unit, w.convention)]));
    else if (!problem) w.para(s.results == null ? 'This scenario has no saved results.' : 'The saved results are not a design plan this report can lay out.', { color: COLORS.muted });
    return;
  }
  planSections(w, s, plan, withCharts && single);
}

function citationLine(w: Writer, p: { law: { name: string; citation: string }; coefficientSet: { id: string; name: string; citation: string; provenance?: string } }, secondary: boolean): void {
  w.heading('Citation', 3);
  w.para(`${p.law.name}: ${p.law.citation}.`, { size: 8.5 });
  const kind = p.coefficientSet.provenance ? `, ${p.coefficientSet.provenance}` : '';
  w.para(`Coefficient set ${p.coefficientSet.name} [${p.coefficientSet.id}${kind}]: ${p.coefficientSet.citation}.`, { size: 8.5 });
  if (secondary) {
    w.para(
      'Secondary transcription: these coefficients were transcribed from a secondary source, not read from the paper’s table. Check them against the paper before relying on the figures.',
      { size: 8.5, color: COLORS.warn, bold: true },
    );
  }
}

function recomputedNote(w: Writer, what: string, d: { set: { id: string } | null; missing: string | null }, inputsChanged: boolean): void {
  if (d.set && !d.missing) {
    w.para(
      `${what} recomputed for this report by the engine with coefficient set ${d.set.id}${inputsChanged ? ' as it is now (it changed since the scenario was saved)' : ''}; the saved results do not hold them.`,
      { size: 8, color: COLORS.muted },
    );
  } else w.para(`${what} not recomputed: ${d.missing ?? 'no coefficient set'}.`, { size: 8, color: COLORS.warn });
}

function leverageSections(w: Writer, s: ReportScenario, lev: LeverageSnapshot, d: LeverageDerived, results: Array<[string, string]>, charts: ChartData[]): void {
  w.heading('Efficiency leverage', 3);
  w.para(
    `EL = ${fmt.times(lev.el)}: at C = ${fmt.flops(lev.flops)} non-embedding FLOPs this MoE (A = ${fmt.significant(lev.activation, 3)}, G = ${fmt.significant(lev.granularity, 3)}) reaches the loss a dense model needs ${fmt.flops(lev.denseFlops)} FLOPs for.`,
    { bold: true, size: 9.5 },
  );
  w.keyValues(results);
  w.heading(`Compute-optimal allocation and hyper-parameters at C = ${fmt.flops(lev.flops)} FLOPs (Table 1, Eq. 3)`, 3);
  if (d.allocation) {
    const a = d.allocation;
    const cw = (w.width - 200) / 2;
    w.table(
      [
        { header: 'Quantity', width: 200 },
        { header: 'MoE', width: cw, align: 'right' },
        { header: 'Dense', width: cw, align: 'right' },
      ],
      [
        ['FLOPs per token M (non-embedding, activated experts)', fmt.flops(a.moe.flopsPerToken), fmt.flops(a.dense.flopsPerToken)],
        ['Training tokens D', fmt.count(a.moe.tokens), fmt.count(a.dense.tokens)],
        ['Peak learning rate', fmt.significant(a.moe.learningRate, 3), fmt.significant(a.dense.learningRate, 3)],
        ['Batch size (tokens)', fmt.count(a.moe.batchTokens), fmt.count(a.dense.batchTokens)],
      ],
      { size: 8 },
    );
    if (a.source === 'recomputed') recomputedNote(w, 'The allocation and hyper-parameters are', d, s.inputsChanged);
    else w.para('The allocation and hyper-parameters are the saved ones.', { size: 8, color: COLORS.muted });
  } else recomputedNote(w, 'The allocation and hyper-parameters are', d, s.inputsChanged);
  for (const chart of charts) {
    w.chart(chart);
    recomputedNote(w, 'The EL curve is', d, s.inputsChanged);
  }
  w.heading('Notes on the law and its log bases', 3);
  w.bullets([...LEVERAGE_NOTES, ...(d.set?.notes ? [`Coefficient set ${d.set.id}: ${d.set.notes}`] : [])]);
  citationLine(w, lev.provenance, lev.provenance.coefficientSet.provenance === 'secondary-transcription');
}

function architectureSections(w: Writer, s: ReportScenario, arch: ArchitectureSnapshot, d: ArchitectureDerived, results: Array<[string, string]>, charts: ChartData[]): void {
  w.heading('Optimal architecture', 3);
  if (arch.feasible) {
    w.para(
      `For N = ${fmt.count(arch.total)} parameters: activate G_opt = ${fmt.significant(arch.activeExperts, 3)} experts per token with shared ratio S_opt = ${fmt.significant(arch.sharedRatio, 3)}; N_a/N = ${fmt.significant(arch.activeRatio, 3)} in theory (N_a = ${fmt.count(arch.active)}), ${fmt.significant(arch.activeRatioEfficient, 3)} once the cost of activation is counted at τ = ${fmt.significant(arch.threshold, 3)} (N_a = ${fmt.count(arch.activeEfficient)}).`,
      { bold: true, size: 9.5 },
    );
  } else w.para(`No optimum for N = ${fmt.count(arch.total)} parameters: ${arch.reason}`, { color: COLORS.warn, bold: true });
  w.keyValues(results);
  if (d.checked || d.lossAtEfficient !== null) recomputedNote(w, 'The losses are', d, s.inputsChanged);
  else if (d.missing) recomputedNote(w, 'The losses are', d, s.inputsChanged);
  for (const chart of charts) {
    w.chart(chart);
    recomputedNote(w, 'The loss curve is', d, s.inputsChanged);
  }
  w.heading('Notes on the law', 3);
  w.bullets([...ARCHITECTURE_NOTES, ...(d.set?.notes ? [`Coefficient set ${d.set.id}: ${d.set.notes}`] : [])]);
  citationLine(w, arch.provenance, arch.provenance.coefficientSet.provenance === 'secondary-transcription');
}

/** How sure the recommendation is, in one sentence and its label: bootstrap ranges and E-win shares, or the published fit error. */
export function bandSentence(b: SnapshotBand | null): string {
  if (!b) return 'How sure: no band; this coefficient set has neither bootstrap replicates nor a fit error its paper reports.';
  const parts = [
    ...(b.nAct ? [`N_act ${fmt.range(b.nAct, (x) => fmt.count(x))}`] : []),
    ...(b.tokens ? [`D ${fmt.range(b.tokens, (x) => fmt.count(x))} tokens`] : []),
    `loss ${fmt.range(b.loss, (x) => fmt.loss(x))} nats/token`,
  ];
  const wins = b.expertWins.length ? ` Best E across refits: ${fmt.expertWins(b.expertWins)}.` : '';
  return `How sure: ${parts.join(', ')}.${wins} ${b.label}`;
}

function planSections(w: Writer, s: ReportScenario, plan: PlanSnapshot, withCharts: boolean): void {
  const best = plan.best;
  w.heading('Recommendation', 3);
  if (!best) {
    w.para(`No feasible design. ${plan.reason ?? plan.bestReason}`, { color: COLORS.warn, bold: true });
  } else {
    w.para(
      `Recommended: E = ${best.experts} experts, N_act = ${fmt.count(best.nAct)} active parameters (N_total = ${fmt.count(best.nTotal)}), D = ${fmt.count(best.tokens)} training tokens, ${fmt.flops(best.trainingFlops)} training FLOPs, predicted loss ${fmt.loss(best.loss)} nats/token.`,
      { bold: true, size: 9.5 },
    );
    w.para(plan.bestReason, { size: 8.5 });
    w.para(bandSentence(readBand(plan)), { size: 8.5 });
    w.heading('Full design of the best E (exact optimum and buildable rounding)', 3);
    w.table(
      [
        { header: 'Quantity', width: 190 },
        { header: 'Exact', width: (w.width - 190) / 2, align: 'right' },
        { header: 'Buildable', width: (w.width - 190) / 2, align: 'right' },
      ],
      designRows(w, best).map((r) => [...r]),
      { size: 8 },
    );
    const m = best.memory;
    w.heading('Memory breakdown', 3);
    w.keyValues([
      ['Weights', w.bytes(m.weightsBytes)],
      ['KV cache', w.bytes(m.kvBytes)],
      ['Weights + KV cache', w.bytes(m.totalBytes)],
      ['KV cache laid out as', cacheLayoutLabel(plan.cacheLayout)],
      [`Counted against the budget (${m.mode === 'model' ? 'weights only' : 'weights + KV cache'})`, w.bytes(m.countedBytes)],
      ['Memory budget', m.budgetBytes === null ? 'none' : w.bytes(m.budgetBytes)],
      ['Binding constraint', best.bindingConstraint],
    ]);
    const t = plan.timeCost;
    if (t) {
      w.heading('Time and cost', 3);
      w.keyValues([
        ['Trained on', t.cluster],
        ['GPU-hours', fmt.significant(t.gpuHours, fmt.DIGITS.hours)],
        ['Wall-clock', fmt.days(t.wallClockDays)],
        ['Cost (USD)', t.costUsd === null ? 'no price per device-hour set' : fmt.money(t.costUsd)],
        ['Energy (kWh)', t.energyKwh === null ? 'no power per device set' : fmt.significant(t.energyKwh)],
      ]);
      w.para(`${t.basis}.`, { size: 8, color: COLORS.muted });
    }
    const r = best.recipe;
    const lr = r.learningRateSchedule;
    w.heading('Learning-rate and batch schedule', 3);
    w.keyValues([
      ['Peak learning rate', fmt.significant(lr.peakLearningRate, 3)],
      ['Schedule', lr.shape],
      ['Warm-up ends at (tokens)', fmt.count(lr.warmupEndTokens)],
      ['Decay starts at (tokens)', fmt.count(lr.decayStartTokens)],
      ['Decay ends at (tokens)', fmt.count(lr.decayEndTokens)],
      ['Router z-loss weight', fmt.significant(r.routerZLoss, 3)],
      ['Load-balancing loss weight', fmt.significant(r.loadBalancingLoss, 3)],
      ['Initialisation scale', fmt.significant(r.initScale, 3)],
      ['Data; tokenizer', `${r.data}; ${r.tokenizer}`],
    ]);
    w.table(
      [
        { header: 'Batch ramp-up: from (tokens)', width: w.width / 3, align: 'right' },
        { header: 'to (tokens)', width: w.width / 3, align: 'right' },
        { header: 'batch size (tokens)', width: w.width / 3, align: 'right' },
      ],
      r.batchRampUp.map((b) => [fmt.count(b.fromTokens), fmt.count(b.toTokens), fmt.count(b.batchTokens)]),
    );
    if (r.notes.length) w.bullets(r.notes);
  }

  w.heading('Candidates per expert count', 3);
  const cw = w.width / 8;
  const sorted = [...plan.candidates].sort((a, b) => a.experts - b.experts);
  const bestRow = sorted.findIndex((c) => c.experts === best?.experts);
  w.table(
    [
      { header: 'E', width: cw * 0.6, align: 'right' },
      { header: 'Loss (nats/token)', width: cw, align: 'right' },
      { header: 'N_act', width: cw, align: 'right' },
      { header: 'N_total', width: cw, align: 'right' },
      { header: 'Tokens', width: cw, align: 'right' },
      { header: `Memory (${fmt.gigabyteName(w.convention)})`, width: cw, align: 'right' },
      { header: 'Bound by', width: cw * 0.9, align: 'left' },
      { header: 'Note', width: cw * 1.5 },
    ],
    sorted.map((c) =>
      c.feasible
        ? [String(c.experts), fmt.loss(c.loss), fmt.count(c.nAct), fmt.count(c.nTotal), fmt.count(c.tokens), fmt.bytesIn(c.memory.totalBytes, w.convention), c.bindingConstraint, c.experts === best?.experts ? 'best' : '']
        : [String(c.experts), '—', '—', '—', '—', '—', '—', `infeasible: ${c.reason}`],
    ),
    { size: 7.5, highlight: new Set(bestRow >= 0 ? [bestRow] : []) },
  );

  if (withCharts) {
    const model = buildComparison([s]);
    for (const chart of model.charts.filter((c) => chartCarriesInformation(c, true))) w.chart(chart);
  }
}

/** A leverage or architecture scenario's key figure for the list of scenarios compared. */
function headline(model: ComparisonModel, col: number): string {
  const v = (key: string) => model.rows.find((r) => r.key === key)?.values[col];
  const el = v('leverage.el');
  if (typeof el === 'number') return `, EL = ${fmt.significant(el, 3)}×`;
  const g = v('architecture.activeExperts');
  const na = v('architecture.activeRatioEfficient');
  if (typeof g === 'number') return `, G_opt = ${fmt.significant(g, 3)}${typeof na === 'number' ? `, N_a/N at τ = ${fmt.significant(na, 3)}` : ''}`;
  return '';
}

/** Page 1: what was asked, the answer per scenario in one sentence, how far the laws are stretched, who wins on what. */
function decisionPage(w: Writer, d: Decision, scale = 1): void {
  const multi = d.scenarios.length > 1;
  // Numbered once per scenario in every section, the number in the list's margin or before the name, never with a bullet as well.
  const label = (i: number, name: string) => (multi ? `${i + 1}. ${name}` : name);
  // Sizes chosen so four scenarios' questions, answers, extrapolation and winners fit on the one page at scale 1.
  const size = (pt: number) => pt * scale;
  w.heading('What was asked', 2);
  w.bullets(d.scenarios.map((s) => `${s.name}: ${s.asked}.`), { size: size(8), numbered: multi });
  w.heading(multi ? 'Recommendation per scenario' : 'Recommendation', 2);
  d.scenarios.forEach((s, i) => w.lead(`${label(i, s.name)}:`, s.sentence, { size: size(9) }));
  w.heading('How far the laws are stretched', 2);
  w.bullets(d.scenarios.map((s) => `${s.name}: ${s.extrapolation}`), { size: size(8), color: COLORS.warn, numbered: multi });
  w.para('Figures outside a law’s fitted range are estimates; every warning is listed in the appendix.', { size: size(8), color: COLORS.muted });
  if (d.winners.length) {
    w.heading('Which scenario wins on what', 2);
    w.bullets(d.winners, { size: size(8.5) });
  }
}

/** The rows a reader compares; every input, the recipe and the bookkeeping go to the appendix. */
const COMPARED_GROUPS = new Set(['design', 'memory', 'deployment']);
const COMPARED_INPUTS = new Set(['inputs.flops', 'inputs.inferenceTokens', 'inputs.memoryBytes', 'inputs.coefficientSetId']);
/** Rows too wordy for a column; the appendix gives them per scenario. */
const APPENDIX_ONLY = new Set(['band.kind', 'best.nActNonEmbedding', 'best.shape.nBlocks', 'best.shape.nHeads']);

/**
 * A reverse plan's rows beyond each law's cheapest design in training FLOPs (its band, the other
 * objectives' designs): four objectives × three laws would fill pages of the side-by-side table, so
 * they stay in the scenario's own section in the appendix, which lists them all.
 */
const targetDetail = (key: string): boolean => key.startsWith('target.') && !/^target\.[a-z]+\.trainingFlops\.(experts|nAct|nTotal|tokens|value)$/.test(key);

/** A side-by-side cell: money in dollars, the rest by its unit (shares as percentages, by format's rule). */
function comparedCell(v: Cell, unit: string, convention: ByteConvention): string {
  if (typeof v === 'number' && unit === 'USD') return fmt.money(v);
  if (typeof v === 'number' && unit === 'device-hours') return fmt.gpuHours(v);
  if (typeof v === 'number' && unit === 'days') return fmt.days(v);
  return formatCell(v, unit, convention);
}

/** Charts that say more than the table beside them: curves, not one dot or one bar per scenario. */
export function chartCarriesInformation(chart: ChartData, single: boolean): boolean {
  if (chart.x.categories) return single;
  return chart.series.some((s) => s.points.length >= 3);
}

function comparisonTable(w: Writer, model: ComparisonModel): void {
  const n = model.columns.length;
  // Scenario columns wide enough for a figure with its unit on one line ("369,000 GPU-hours" at 7.5 pt); labels wrap at their spaces.
  const labelW = Math.max(130, Math.min(150, w.width - n * 62));
  const colW = (w.width - labelW) / n;
  const rows = model.rows.filter((r) => !APPENDIX_ONLY.has(r.key) && !targetDetail(r.key) && (COMPARED_GROUPS.has(r.group) || COMPARED_INPUTS.has(r.key) || r.key === 'scenario.inputsChanged'));
  const highlight = new Set(rows.map((r, i) => (r.differs ? i : -1)).filter((i) => i >= 0));
  w.table(
    [
      { header: 'Quantity', width: labelW },
      ...model.columns.map((c, i) => ({ header: `${i + 1}. ${c.name}${c.inputsChanged ? ' (inputs changed)' : ''}`, width: colW, align: 'right' as const })),
    ],
    rows.map((r) => [`${r.differs ? '≠ ' : ''}${r.label}${unitLabel(r.unit) ? ` (${unitLabel(r.unit)})` : ''}`, ...r.values.map((v) => comparedCell(v, r.unit, w.convention))]),
    { size: n > 4 ? 6.5 : 7.5, highlight },
  );
  w.para('Rows marked ≠ and tinted differ between the scenarios. Every input, the training recipe and all warnings are in the appendix.', { size: 7.5, color: COLORS.muted });
}

function warningsAndCitations(w: Writer, model: ComparisonModel, scenarios: readonly ReportScenario[]): void {
  w.heading('Extrapolation and other warnings', 2);
  if (model.flags.length === 0) w.para('None: every figure lies within the ranges the laws were fitted on.', { color: COLORS.muted });
  else {
    const name = (id: string) => scenarios.find((s) => s.id === id)?.name ?? id;
    const multi = scenarios.length > 1;
    w.bullets(model.flags.map((f) => `${multi ? `${name(f.scenarioId)}: ` : ''}${f.message}`), { color: COLORS.warn });
  }
  w.heading('Assumptions', 2);
  w.bullets(model.assumptions.filter((a) => !w.printed.has(a)));
  w.heading('Laws and coefficient sets cited', 2);
  if (model.citations.length === 0) w.para('The saved results carry no provenance.', { color: COLORS.muted });
  for (const c of model.citations) {
    const what = c.kind === 'law' ? `Law: ${c.name}` : `Coefficient set: ${c.name} [${c.id}${c.provenance ? `, ${c.provenance}` : ''}]`;
    w.para(what, { bold: true, size: 8.5 });
    w.para(c.citation, { size: 8.5 });
  }
}

/** A PDF document of the report's paper, margins and two fonts. */
function newDocument(paperName: string, info?: PDFKit.DocumentInfo): Doc {
  // Parsed once per process and shared (see fonts.ts); PDFKit takes a parsed font as a source.
  const fonts = parsedReportFonts();
  const doc = new PDFDocument({
    size: paperName,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // No default font: given as an object it is cached under no name, so every later
    // doc.font('DejaVu') wrapped the font anew and compared its name tables (a third of a second
    // per report); left undefined, PDFKit would load Helvetica's metrics, which nothing uses.
    font: null as unknown as string,
    ...(info ? { info, displayTitle: true, lang: 'en' } : {}),
  });
  doc.registerFont(FONT, fonts.regular as unknown as string);
  doc.registerFont(FONT_BOLD, fonts.bold as unknown as string);
  doc.font(FONT);
  return doc;
}

/**
 * The type scale page 1 is drawn at: 1 when it fits below the title as it is (four scenarios), else
 * the largest scale in hundredths from 0.99 down to 0.75 at which it fits; at 0.75 it runs onto
 * page 2 if it must, as text does. Each try is a measuring pass on the report's own page
 * (Writer.measure: PDFKit's line wrapper, nothing drawn), a few milliseconds once the words' shapes
 * are cached, and the drawing then reuses those shapes.
 * If a scale fits, every smaller one does: every size on page 1 but the headings' is the scale
 * times a constant and PDFKit's widths are linear in the size, so at a smaller scale each text fills
 * its lines greedily with narrower words (as many lines or fewer, each lower) and every position
 * and keep-together test on the page is no larger. So the largest is found by search: from a guess
 * made from the height at scale 1 (a text's height goes with its type size times its line count; a
 * long text's line count falls with the size too, a one-line text's does not, so the guess takes the
 * 2/3 power of room over height, within a hundredth for 6–8 scenarios), by steps that double, then by
 * halving what is left: three to five tries in all. tests/integration/reports/decision-scale.test.ts
 * checks the choice, the verdicts and the heights against every scale drawn.
 */
function decisionScale(w: Writer, d: Decision): number {
  const measure = (hundredths: number) => w.measure(() => decisionPage(w, d, hundredths / 100));
  const fits = (hundredths: number) => measure(hundredths).fits;
  const room = w.bottom - w.doc.y;
  const full = measure(100);
  if (full.fits) return 1;
  // The answer lies in [low, high]: `low` fits or is the floor (which needs no try), scales above `high` do not fit.
  let [low, high] = [MIN_DECISION_SCALE, 99];
  const guess = Math.min(high, Math.max(low + 1, Math.round(100 * (room / full.height) ** (2 / 3))));
  if (fits(guess)) {
    low = guess;
    for (let step = 1; low < high; step *= 2) {
      const k = Math.min(high, low + step);
      if (fits(k)) low = k;
      else {
        high = k - 1;
        break;
      }
    }
  } else {
    high = guess - 1;
    for (let step = 1; low < high; step *= 2) {
      const k = Math.max(low + 1, high - step + 1);
      if (fits(k)) {
        low = k;
        break;
      }
      high = k - 1;
    }
  }
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low / 100;
}

/** Page 1's smallest type scale, in hundredths. */
const MIN_DECISION_SCALE = 75;

/** The top of page 1: the report's title and the line saying when, by what, for which projects and on what paper it was made. */
function reportHead(w: Writer, title: string, line: string): void {
  w.heading(title, 1);
  w.para(line, { size: 8.5, color: COLORS.muted });
}

/** Page 1 at one scale, as measured and as drawn (decisionPageLayouts). */
export interface DecisionPageLayout {
  scale: number;
  /** Writer.measure, as decisionScale tries it: how far page 1 goes below the head, and whether it fits. */
  measured: { height: number; fits: boolean };
  /** The same page drawn, as the report draws it: the document's page count after it, how far it went (on page 1), and the room it had. */
  drawn: { pages: number; height: number; room: number };
}

/**
 * For tests: page 1 below a report's head at each of `scales`, measured and then drawn on a fresh
 * document of the paper, and the scale decisionScale chooses there, so its measurements can be
 * checked against the drawing they stand for.
 */
export function decisionPageLayouts(decision: Decision, head: { title: string; line: string }, options: { paper: Paper; byteConvention?: ByteConvention; scales: readonly number[] }): { chosen: number; layouts: DecisionPageLayout[] } {
  const paper = PAPER_SIZES[options.paper];
  const opened = () => {
    const w = new Writer(newDocument(paper.name), options.byteConvention ?? fmt.DEFAULT_BYTE_CONVENTION);
    reportHead(w, head.title, head.line);
    return w;
  };
  const layouts = options.scales.map((scale): DecisionPageLayout => {
    // Measured, then drawn on the same document, as the report does: measuring must leave nothing behind.
    const w = opened();
    const measured = w.measure(() => decisionPage(w, decision, scale));
    const top = w.doc.y;
    decisionPage(w, decision, scale);
    return { scale, measured, drawn: { pages: w.doc.bufferedPageRange().count, height: w.doc.y - top, room: w.bottom - top } };
  });
  return { chosen: decisionScale(opened(), decision), layouts };
}

// ---- Entry point ----------------------------------------------------------------------------

/** The PDF for one scenario (a design report) or several (a comparison report). */
export function renderPdf(scenarios: readonly ReportScenario[], options: PdfReportOptions): Promise<Buffer> {
  if (scenarios.length === 0) throw new Error('a report needs at least one scenario');
  const paper = PAPER_SIZES[options.paper ?? 'a4'];
  const generatedAt = options.generatedAt ?? new Date();
  const withCharts = options.charts !== false;
  const convention = options.byteConvention ?? fmt.DEFAULT_BYTE_CONVENTION;
  const single = scenarios.length === 1;
  const cmpOptions: ComparisonOptions = {
    ...(options.resolveSet ? { resolveSet: options.resolveSet } : {}),
    ...(options.resolveHardware ? { resolveHardware: options.resolveHardware } : {}),
  };
  const model = buildComparison(scenarios, cmpOptions);
  const title = single ? `Design report: ${scenarios[0]!.name}` : `Comparison of ${scenarios.length} scenarios`;
  const projects = [...new Set(scenarios.map((s) => s.projectName ?? s.projectId))];

  const doc = newDocument(paper.name, { Title: title, Author: 'MoE Workbench', Subject: 'MoE training-run design report', Creator: `MoE Workbench ${options.appVersion}`, CreationDate: generatedAt });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const w = new Writer(doc, convention);
  reportHead(
    w,
    title,
    `Generated ${generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC by MoE Workbench ${options.appVersion} · project${projects.length > 1 ? 's' : ''}: ${projects.join(', ')} · paper ${paper.name === 'A4' ? 'A4' : 'US Letter'} · ${fmt.byteConventionNote(convention)}`,
  );

  // Every report opens with the decision: each scenario's answer in one sentence, whatever page saved it.
  const decision = options.decision ?? buildDecision(scenarios, convention, cmpOptions);
  decisionPage(w, decision, decisionScale(w, decision));
  if (single) {
    w.newPage();
    scenarioSection(w, scenarios[0]!, model, 0, withCharts, true, cmpOptions);
    w.newPage();
    w.heading('Appendix', 1);
  } else {
    w.newPage();
    w.heading('Side by side', 2);
    comparisonTable(w, model);
    const charts = withCharts ? model.charts.filter((c) => chartCarriesInformation(c, false)) : [];
    if (charts.length) {
      // The heading goes with its first chart, never alone at the foot of a page.
      w.ensure(w.chartHeight(charts[0]!) + 48);
      w.heading('Charts', 2);
      for (const chart of charts) w.chart(chart);
    }
    w.newPage();
    w.heading('Appendix', 1);
    w.para('Every input, the design and training recipe of each scenario, all warnings, the assumptions and the citations.', { size: 8.5, color: COLORS.muted });
    scenarios.forEach((s, i) => {
      if (i > 0) w.newPage();
      scenarioSection(w, s, model, i, false, false, cmpOptions);
    });
  }
  warningsAndCitations(w, model, scenarios);
  howComputedAppendix(w, scenarios, convention, cmpOptions.resolveSet, options.resolveNextRun, options.resolveFit);

  // Footer on every page: title, version, page x of n.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT).fontSize(7).fillColor(COLORS.muted);
    doc.text(`${title} · MoE Workbench ${options.appVersion} · page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN + 16, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
  doc.end();
  return done;
}
