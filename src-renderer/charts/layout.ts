/**
 * Where a chart's header goes at the width it is drawn: the title and its provenance subtitle
 * wrapped onto as many lines as the width needs, the legend below them (plain, wrapping onto
 * rows, never paging "1/2"), and the plot below the legend. ECharts positions these boxes
 * independently, so without this a long subtitle runs under the legend at 1024 px.
 * Pure: the caller passes how wide a text is in the font the chart draws with.
 */
import type { ChartOption } from './echarts';

/** Width in px of `text` at `sizePx` (bold for titles). */
export type MeasureText = (text: string, sizePx: number, bold?: boolean) => number;

export const TITLE_SIZE = 14;
export const SUBTITLE_SIZE = 11;
const TITLE_LINE = 18;
const SUBTITLE_LINE = 14;
const TITLE_GAP = 4;
const TITLE_PADDING = 5;
const LEFT = 8;
export const LEGEND_SIZE = 12;
const LEGEND_ICON = 25;
const LEGEND_ICON_GAP = 5;
const LEGEND_ITEM_GAP = 10;
const LEGEND_PADDING = 5;
const LEGEND_ROW = 26;
/** Room above the plot for marker labels ("budget") drawn at its top edge. */
const PLOT_HEAD_ROOM = 16;
/** The header height the charts' fixed heights were chosen for. */
const BASE_HEADER = 70;

/** Words of `text` packed into lines no wider than `width`; a word wider than the line stands alone. */
export function wrapText(text: string, width: number, measure: (t: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && measure(next) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/** Rows the legend's items take when packed left to right into `width`, as ECharts packs them. */
export function legendRowCount(names: string[], width: number, measure: MeasureText): number {
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const w = LEGEND_ICON + LEGEND_ICON_GAP + measure(name, LEGEND_SIZE);
    if (x > 0 && x + w > width) {
      rows++;
      x = 0;
    }
    x += w + LEGEND_ITEM_GAP;
  }
  return rows;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** The names the legend shows: its own `data`, or each named series once. */
function legendNames(option: Obj): string[] {
  const legend = asObj(option.legend);
  if (legend.show === false) return [];
  if (Array.isArray(legend.data)) return legend.data.map((d) => (typeof d === 'string' ? d : String(asObj(d).name ?? '')));
  const series = Array.isArray(option.series) ? option.series : [option.series];
  return [...new Set(series.map((s) => asObj(s).name).filter((n): n is string => typeof n === 'string' && n !== ''))];
}

/**
 * A numeric x axis's end labels drawn inside its span: the first one otherwise sits under the
 * y axis's lowest label in the corner, the last one past the chart's right edge.
 */
function insideEnds(axis: unknown): unknown {
  const a = asObj(axis);
  if (!axis || a.type === 'category') return axis;
  return { ...a, axisLabel: { ...asObj(a.axisLabel), alignMinLabel: 'left', alignMaxLabel: 'right' } };
}

export interface LaidOutChart {
  option: ChartOption;
  /** Extra height the header needs beyond what the chart's height was chosen for (px, ≥ 0). */
  extraHeight: number;
}

/**
 * The option with its header laid out for `width` px: title and subtitle wrapped, the legend's top
 * just below them (plain, within the width), the grid's top below the legend's last row.
 */
export function layoutChart(option: ChartOption, width: number, measure: MeasureText): LaidOutChart {
  const o = option as Obj;
  const title = asObj(o.title);
  const inner = Math.max(120, width - 2 * LEFT - 2 * TITLE_PADDING);
  const titleLines = wrapText(String(title.text ?? ''), inner, (t) => measure(t, TITLE_SIZE, true));
  const subtitleLines = title.subtext ? wrapText(String(title.subtext), inner, (t) => measure(t, SUBTITLE_SIZE)) : [];
  const titleBottom =
    TITLE_PADDING + titleLines.length * TITLE_LINE + (subtitleLines.length ? TITLE_GAP + subtitleLines.length * SUBTITLE_LINE : 0) + TITLE_PADDING;
  const names = legendNames(o);
  const legendWidth = width - 2 * LEFT - 2 * LEGEND_PADDING;
  const rows = names.length ? legendRowCount(names, legendWidth, measure) : 0;
  const legendTop = titleBottom + 2;
  const header = legendTop + (rows ? rows * LEGEND_ROW + 2 * LEGEND_PADDING : 0) + PLOT_HEAD_ROOM;
  const grids = Array.isArray(o.grid) ? o.grid.map(asObj) : [asObj(o.grid)];
  const laidOut: Obj = {
    ...o,
    title: {
      ...title,
      text: titleLines.join('\n'),
      subtext: subtitleLines.join('\n'),
      left: LEFT,
      top: 0,
      padding: TITLE_PADDING,
      itemGap: TITLE_GAP,
      textStyle: { ...asObj(title.textStyle), fontSize: TITLE_SIZE, lineHeight: TITLE_LINE },
      subtextStyle: { ...asObj(title.subtextStyle), fontSize: SUBTITLE_SIZE, lineHeight: SUBTITLE_LINE },
    },
    legend: {
      ...asObj(o.legend),
      type: 'plain',
      top: legendTop,
      left: LEFT,
      right: LEFT,
      padding: LEGEND_PADDING,
      itemGap: LEGEND_ITEM_GAP,
      itemWidth: LEGEND_ICON,
      textStyle: { ...asObj(asObj(o.legend).textStyle), fontSize: LEGEND_SIZE },
    },
    grid: grids.length === 1 ? { ...grids[0], top: header } : grids.map((g) => ({ ...g, top: header })),
    xAxis: Array.isArray(o.xAxis) ? o.xAxis.map(insideEnds) : insideEnds(o.xAxis),
  };
  return { option: laidOut as ChartOption, extraHeight: Math.max(0, header - BASE_HEADER) };
}
