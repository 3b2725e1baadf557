/**
 * The report's charts as SVG, drawn by ECharts' server-side renderer (no DOM, no canvas):
 * a title, axis names with units, log axes where the data spans decades (expert counts on a
 * base-2 axis, memory and FLOPs on base-10 axes), a legend. Plain strings, so the PDF can
 * draw them as vectors and a page could show them as they are.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { LabelLayout } from 'echarts/features';
import type { ChartAxis, ChartData } from './comparison';
import { DEFAULT_BYTE_CONVENTION, bytesTick, countTick, flopsTick, axisDivisor, plainTick, type ByteConvention } from '../format';
import { measureText } from './fonts';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer, LabelLayout]);

export const CHART_FONT_FAMILY = 'DejaVu Sans';
const PALETTE = ['#1f5fbf', '#d1495b', '#2a9d8f', '#e9a03b', '#7b4fbf', '#5c8001', '#8d6e63', '#0096c7'];

export interface SvgOptions {
  width?: number;
  height?: number;
  /** Memory ticks in GB (10⁹) or GiB (2³⁰), as in the rest of the report. */
  byteConvention?: ByteConvention;
}

/** Ticks in the units the tables use, so an axis reads like the numbers beside it. */
function tickFormat(unit: string | undefined, convention: ByteConvention): (v: number) => string {
  if (unit === 'bytes') return (v) => bytesTick(v, convention);
  if (unit === 'parameters' || unit === 'tokens') return countTick;
  if (unit !== undefined && /FLOP/.test(unit)) return flopsTick;
  return (v) => (Math.abs(v) >= 1e4 ? flopsTick(v) : plainTick(v));
}

function axisTitle(a: ChartAxis): string {
  const unit = a.unit ? ` (${a.unit}${a.log ? ', log scale' : ''})` : a.log ? ' (log scale)' : '';
  return `${a.name}${unit}`;
}

/**
 * `pad`: values of scatter markers. A log axis gets a step of room beyond a marker that would
 * sit on its frame; a linear axis a margin around its data, so no marker is cut in half and no
 * curve lies on the frame.
 */
function axisOption(a: ChartAxis, values: number[], which: 'x' | 'y', pad: number[], convention: ByteConvention, divisor = 1): Record<string, unknown> {
  const common = {
    name: axisTitle(a),
    nameLocation: 'middle',
    nameGap: which === 'x' ? 28 : 46,
    nameTextStyle: { fontSize: 10 },
    axisLabel: { fontSize: 9 },
    splitLine: { show: true, lineStyle: { opacity: 0.3 } },
  };
  if (a.categories) return { ...common, type: 'category', data: a.categories, splitLine: { show: false }, axisLabel: { fontSize: 9, interval: 0, width: 90, overflow: 'truncate' } };
  const unscaled = tickFormat(a.unit, convention);
  const format = divisor === 1 ? unscaled : (v: number) => unscaled(v * divisor);
  // An x axis's end labels inside its span: the first one otherwise sits under the lowest y label.
  const ends = which === 'x' ? { alignMinLabel: 'left', alignMaxLabel: 'right' } : {};
  if (a.log) {
    const positive = values.filter((v) => v > 0);
    const lo = positive.length ? Math.min(...positive) : 1;
    const hi = positive.length ? Math.max(...positive) : 10;
    const base = a.unit === 'experts' ? 2 : 10;
    let min = base ** Math.floor(Math.log(lo) / Math.log(base) + 1e-9);
    let max = base ** Math.ceil(Math.log(hi) / Math.log(base) - 1e-9);
    // Markers sitting on the frame are cut in half: give them a step of room.
    const padded = pad.filter((v) => v > 0);
    if (padded.some((v) => v <= min * (1 + 1e-9))) min /= base;
    if (padded.some((v) => v >= max * (1 - 1e-9))) max *= base;
    // A fraction never exceeds 1: no room above it.
    if (a.unit === 'fraction' && max > 1) max = Math.max(1, min * base);
    return { ...common, type: 'log', logBase: base, min, max: max === min ? max * base : max, axisLabel: { fontSize: 9, formatter: (v: number) => format(v), ...ends } };
  }
  return {
    ...common,
    type: 'value',
    scale: a.unit !== 'bytes',
    // Room around the data (markers or the lowest curve would otherwise lie on the axis frame).
    ...(a.unit !== 'bytes' ? valueRoom(values) : {}),
    axisLabel: { fontSize: 9, formatter: (v: number) => format(v), ...ends },
  };
}

/** Room around the data on a linear axis, never pushing an axis of non-negative values below 0. */
function valueRoom(values: number[]): Record<string, unknown> {
  if (!values.length) return {};
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (lo >= 0 && lo - 0.12 * (hi - lo) < 0) return { min: 0, boundaryGap: ['0%', '6%'] };
  return { boundaryGap: ['12%', '6%'] };
}

const LEGEND_FONT = 9;
const LEGEND_GAP = 10;
const LEGEND_SYMBOL = 14;
/** Height of a legend row: the text line plus the gap ECharts leaves between rows. */
const LEGEND_ROW = LEGEND_FONT + 1 + LEGEND_GAP;

let metricsInstalled = false;
/** ECharts measures text for its layout; on the server it must be told the real font's widths. */
function useReportFontMetrics(): void {
  if (metricsInstalled) return;
  metricsInstalled = true;
  echarts.setPlatformAPI({ measureText: (text: string, font?: string) => ({ width: measureText(text, font ?? `12px ${CHART_FONT_FAMILY}`) }) });
}

/**
 * The series the legend names: a band's dashed edges take their colour from the series they
 * belong to and are explained once in the title, so they do not fill the legend.
 */
const legendSeries = (chart: ChartData) => chart.series.filter((s) => !s.band);

/** Legend rows at this width, packed as ECharts packs them (symbol, 5 px, text, gap). */
function legendRows(chart: ChartData, width: number): number {
  const avail = width - 2 * 5;
  let rows = 1;
  let x = 0;
  for (const s of legendSeries(chart)) {
    const w = LEGEND_SYMBOL + 5 + measureText(s.name, `${LEGEND_FONT}px ${CHART_FONT_FAMILY}`);
    if (x > 0 && x + w > avail) {
      rows++;
      x = 0;
    }
    x += w + LEGEND_GAP;
  }
  return rows;
}

/** Height a chart needs at this width: the base plus room for extra legend rows. */
export function chartHeight(chart: ChartData, width: number, base = 240): number {
  return base + (legendRows(chart, width) - 1) * LEGEND_ROW;
}

/** The chart with each axis in the units it is drawn in (format's axisDivisor), and the divisors, for its ticks. */
function inAxisUnits(chart: ChartData, convention: ByteConvention): { chart: ChartData; dx: number; dy: number } {
  const points = chart.series.flatMap((s) => s.points);
  const dx = axisDivisor(chart.x.unit, chart.x.log, points.flatMap((p) => (typeof p.x === 'number' ? [p.x] : [])), convention);
  const dy = axisDivisor(chart.y.unit, chart.y.log, points.map((p) => p.y), convention);
  if (dx === 1 && dy === 1) return { chart, dx, dy };
  const series = chart.series.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, x: typeof p.x === 'number' ? p.x / dx : p.x, y: p.y / dy })) }));
  return { chart: { ...chart, series }, dx, dy };
}

/** ECharts option for one chart (exported for tests and for pages that want the same look). */
export function chartOption(data: ChartData, width = 520, convention: ByteConvention = DEFAULT_BYTE_CONVENTION): Record<string, unknown> {
  const { chart, dx, dy } = inAxisUnits(data, convention);
  const rows = legendRows(chart, width);
  const xs = chart.series.flatMap((s) => s.points.map((p) => p.x)).filter((x): x is number => typeof x === 'number');
  const ys = chart.series.flatMap((s) => s.points.map((p) => p.y));
  const scatter = chart.series.filter((s) => s.type === 'scatter').flatMap((s) => s.points);
  // A point's label goes left of it in the right third of the x range, so it is not cut by the frame.
  const numericXs = xs.filter((x) => !chart.x.log || x > 0);
  const t = (x: number) => (chart.x.log ? Math.log(x) : x);
  const [x0, x1] = numericXs.length ? [t(Math.min(...numericXs)), t(Math.max(...numericXs))] : [0, 1];
  // The lowest point of the chart (a curve's minimum) has its label below it, where no line runs.
  const lowest = ys.length ? Math.min(...ys) : -Infinity;
  const side = (p: { x: number | string; y: number }) =>
    p.y <= lowest ? 'bottom' : typeof p.x === 'number' && x1 > x0 && (t(p.x) - x0) / (x1 - x0) > 0.65 ? 'left' : 'right';
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    title: { text: chart.series.some((s) => s.band) ? `${chart.title} (dashed: band edges)` : chart.title, left: 'center', top: 4, textStyle: { fontSize: 12, fontWeight: 'bold' } },
    legend: {
      data: legendSeries(chart).map((s) => s.name),
      top: 24,
      type: 'plain',
      textStyle: { fontSize: LEGEND_FONT },
      itemWidth: LEGEND_SYMBOL,
      itemHeight: 8,
      itemGap: LEGEND_GAP,
    },
    grid: { left: 64, right: 20, top: 24 + rows * LEGEND_ROW + 10, bottom: chart.x.categories ? 52 : 44, containLabel: false },
    xAxis: axisOption(chart.x, xs, 'x', scatter.map((p) => p.x).filter((x): x is number => typeof x === 'number'), convention, dx),
    yAxis: axisOption(chart.y, ys, 'y', scatter.map((p) => p.y), convention, dy),
    series: chart.series.map((s, i) => ({
      name: s.name,
      type: s.type,
      ...(s.band ? { itemStyle: { color: bandColor(chart.series, i) } } : {}),
      ...(s.stack ? { stack: s.stack } : {}),
      ...(s.type === 'bar' ? { barMaxWidth: 36 } : { symbolSize: s.type === 'scatter' ? 10 : 5, showSymbol: !s.band && (s.type === 'scatter' || s.points.length <= 24) }),
      ...(s.band ? { lineStyle: { type: 'dashed', width: 1 } } : {}),
      data: chart.x.categories
        ? s.points.map((p) => p.y)
        : s.points.map((p) => ({ value: [p.x, p.y], name: p.label ?? '', ...(p.label && side(p) !== 'right' ? { label: { position: side(p) } } : {}) })),
      ...(s.points.some((p) => p.label) ? { label: { show: true, formatter: '{b}', position: 'right', fontSize: 8, color: '#444' }, labelLayout: { hideOverlap: true } } : {}),
    })),
  };
}

/** A band edge takes the colour of the series it belongs to (the nearest one before it without `band`). */
function bandColor(series: ChartData['series'], i: number): string {
  let owner = i;
  while (owner > 0 && series[owner]!.band) owner--;
  // Palette slots go by series index, so the owner's colour is its own index's.
  return PALETTE[owner % PALETTE.length]!;
}

/** One chart as an SVG document. */
export function chartSvg(chart: ChartData, opts: SvgOptions = {}): string {
  useReportFontMetrics();
  const width = opts.width ?? 520;
  const height = opts.height ?? chartHeight(chart, width);
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption(chartOption(chart, width, opts.byteConvention));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
