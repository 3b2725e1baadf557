/**
 * ECharts options for the paper's figures, built from engine data. Every chart has a title,
 * axis names with units, log axes where the paper uses them, a legend and tooltips.
 */
import type { ResponseOf } from '../../src-main/ipc/contract';
import * as fmt from '../../src-main/format';
import { byteConvention, showBytes } from '../composables/units';
import type { ChartOption } from './echarts';

/** Memory axes plot gigabytes of the reader's convention (GB = 10⁹ or GiB = 2³⁰). */
const gigabyte = () => fmt.byteDivisor(byteConvention.value, 'GB');
const gigabyteName = () => fmt.gigabyteName(byteConvention.value);
export const PALETTE = ['#1f5fbf', '#d1495b', '#2a9d8f', '#e9a03b', '#7b4fbf', '#5c8001', '#8d6e63', '#0096c7'];

/** Axis ticks on log axes of huge quantities: 10¹⁸, 3 × 10²⁰ … */
const powerOfTen = fmt.flopsTick;

/**
 * What every chart shares: palette, title with its provenance subtitle, grid, legend, tooltip.
 * Where the title, legend and plot go at the drawn width is `layout.ts`'s job (ChartPanel runs it).
 */
export const base = (title: string, subtitle: string): ChartOption => ({
  color: PALETTE,
  title: { text: title, subtext: subtitle, left: 8 },
  grid: { left: 70, right: 24, top: 70, bottom: 56 },
  legend: { type: 'plain' },
  tooltip: { trigger: 'item' },
});

const logAxis = (name: string, format: (v: number) => string) => ({
  type: 'log' as const,
  name,
  nameLocation: 'middle' as const,
  nameGap: 32,
  logBase: 10,
  axisLabel: { formatter: (v: number) => format(v) },
  splitLine: { show: true, lineStyle: { opacity: 0.3 } },
});

/**
 * A linear axis fitted to its data with room on both sides (the extent grows by 8% before it is
 * rounded to ticks), so the lowest curve never lies on the axis floor; ticks in planner digits.
 */
export const valueAxis = (name: string, gap = 48) => ({
  type: 'value' as const,
  name,
  nameLocation: 'middle' as const,
  nameGap: gap,
  scale: true,
  boundaryGap: ['8%', '8%'] as [string, string],
  axisLabel: { formatter: (v: number) => fmt.significant(v, 4) },
  splitLine: { lineStyle: { opacity: 0.3 } },
});

type PlanBand = NonNullable<ResponseOf<'plan.compute'>['uncertainty']>;
type Range = { low: number; high: number };

/**
 * A plan's uncertainty as one legend entry of its own, shaded: a box per E spanning that E's
 * N_act and loss band when the x axis is N_act and the band has one (bootstrap), and around them
 * a solid outline spanning the recommendation's own band (the one the "How sure" table states:
 * the 5th–95th percentile of each refit's best design, whichever E wins it); otherwise one box
 * of the recommendation's loss band at `atX` (the budget or the chosen inference tokens, ±12 % on
 * the log axis), or a strip across the chart when there is no such point. The series' invisible
 * points are the boxes' corners, so the axes stretch to show every box whole.
 */
export function planBandSeries(band: PlanBand | null | undefined, o: { xIsNAct?: boolean; atX?: number | null; colorOf?: (experts: number) => string }): Record<string, unknown> | null {
  if (!band) return null;
  const name = band.kind === 'bootstrap' ? `${Math.round((band.confidence ?? 0.9) * 100)} % band (bootstrap)` : `published fit error ±${fmt.loss(band.lossHalfWidth ?? (band.loss.high - band.loss.low) / 2)}`;
  const color = '#7b4fbf';
  const corners: Array<[number | null, number]> = [];
  const box = (x: Range | null, y: Range, style: Record<string, unknown>) => {
    corners.push([x?.low ?? o.atX ?? null, y.low], [x?.high ?? o.atX ?? null, y.high]);
    return [
      { name: '', yAxis: y.low, ...(x ? { xAxis: x.low } : {}), itemStyle: style },
      { yAxis: y.high, ...(x ? { xAxis: x.high } : {}) },
    ];
  };
  const shaded = (c: string) => ({ color: c, opacity: 0.18, borderColor: c, borderWidth: 1, borderType: 'dashed' });
  const perE = (band.perExpert ?? []).filter((p) => p.nAct);
  const boxes =
    o.xIsNAct && band.nAct && perE.length
      ? [
          ...perE.map((p) => box(p.nAct, p.loss, shaded(o.colorOf?.(p.experts) ?? color))),
          box(band.nAct, band.loss, { color: 'rgba(0,0,0,0)', borderColor: color, borderWidth: 2, borderType: 'solid' }),
        ]
      : [box(o.atX ? { low: o.atX / 1.12, high: o.atX * 1.12 } : null, band.loss, shaded(color))];
  return {
    name,
    type: 'line',
    color,
    symbol: 'none',
    lineStyle: { opacity: 0 },
    silent: true,
    emphasis: { disabled: true },
    data: corners.filter(([x]) => x !== null),
    markArea: { silent: true, data: boxes },
    tooltip: { show: false },
  };
}

const withBand = (series: unknown[], band: Record<string, unknown> | null) => (band ? [...series, band] : series);

export function isoFlopOption(s: ResponseOf<'sweep.isoFlop'>, band?: PlanBand | null): ChartOption {
  const colorOf = (e: number) => PALETTE[Math.max(0, s.series.findIndex((x) => x.experts === e)) % PALETTE.length]!;
  return {
    ...base(`Loss along the iso-FLOP line, F = ${fmt.flops(s.flops)} FLOPs`, `${s.provenance.law.name}; ${s.provenance.coefficientSet.name} (Fig. 2a)`),
    xAxis: logAxis('Active parameters N_act (log scale)', fmt.countTick),
    yAxis: valueAxis('Predicted loss (nats/token)'),
    series: withBand(
      s.series.map((ser) => ({
      name: `E = ${ser.experts}`,
      type: 'line',
      showSymbol: false,
      data: ser.points.map((p) => [p.nAct, p.loss]),
      markPoint: {
        symbol: 'circle',
        symbolSize: 8,
        label: { show: false },
        data: [{ name: `optimum E = ${ser.experts}`, coord: [ser.optimum.nAct, ser.optimum.loss] }],
      },
      tooltip: { valueFormatter: (v: unknown) => String(v) },
    })),
      planBandSeries(band, { xIsNAct: true, colorOf }),
    ),
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: [number, number] }) => `${p.seriesName}<br/>N_act ${fmt.count(p.value[0])}<br/>loss ${fmt.loss(p.value[1])} nats/token`,
    },
  };
}

export function savingsOption(s: ResponseOf<'sweep.savings'>): ChartOption {
  return {
    ...base('FLOP savings of compute-optimal MoE against dense', `${s.provenance.law.name}; ${s.provenance.coefficientSet.name} (Fig. 2b)`),
    xAxis: logAxis('Dense training budget (FLOPs, log scale)', powerOfTen),
    yAxis: { ...valueAxis('Compute saved to reach the dense loss (%)'), scale: false },
    series: s.series
      .filter((ser) => ser.experts !== 1)
      .map((ser) => ({ name: `E = ${ser.experts}`, type: 'line', showSymbol: false, data: ser.points.map((p) => [p.flops, p.savings * 100]) })),
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: [number, number] }) => `${p.seriesName}<br/>budget ${fmt.flops(p.value[0])} FLOPs<br/>saves ${fmt.significant(p.value[1])}%`,
    },
  };
}

/** Contiguous memory ranges over which one E is optimal, for shading (Fig. 1a). */
export function winningBands(best: ResponseOf<'sweep.memory'>['bestByBudget']): Array<{ experts: number; from: number; to: number }> {
  const bands: Array<{ experts: number; from: number; to: number }> = [];
  for (const b of best) {
    if (b.experts === null) continue;
    const last = bands[bands.length - 1];
    if (last && last.experts === b.experts) last.to = b.memoryBytes;
    else bands.push({ experts: b.experts, from: b.memoryBytes, to: b.memoryBytes });
  }
  return bands;
}

export function memorySweepOption(s: ResponseOf<'sweep.memory'>, budgetBytes?: number | null, band?: PlanBand | null): ChartOption {
  const bands = winningBands(s.bestByBudget);
  const bandColor = (experts: number) => PALETTE[s.series.findIndex((x) => x.experts === experts) % PALETTE.length];
  const what = s.memoryMode === 'total' ? `weights + KV cache of ${fmt.count(s.kvTokens)} tokens` : 'weights only';
  const markLine = budgetBytes ? { symbol: 'none', label: { formatter: 'budget' }, data: [{ xAxis: budgetBytes / gigabyte() }] } : undefined;
  return {
    ...base(`Best loss for a memory budget, F = ${fmt.flops(s.flops)} FLOPs`, `Memory counts ${what}; curves end at each E's compute-optimal size. ${s.provenance.law.name} (Fig. 1a, 3)`),
    xAxis: logAxis(`Memory budget (${gigabyteName()}, log scale)`, (v) => fmt.significant(v, 2)),
    yAxis: valueAxis('Predicted loss (nats/token)'),
    series: withBand(
      s.series.map((ser, i) => ({
      name: `E = ${ser.experts}`,
      type: 'line',
      showSymbol: false,
      data: ser.points.map((p) => [p.memoryBytes / gigabyte(), p.loss]),
      ...(i === 0
        ? {
            markArea: {
              silent: true,
              itemStyle: { opacity: 0.12 },
              // One plain label per band: an inside label otherwise gets a halo in the band's colour,
              // which reads as the label drawn twice.
              label: { position: 'insideTop', fontSize: 10, textBorderWidth: 0, textShadowBlur: 0 },
              data: bands.map((b) => [
                {
                  name: `E=${b.experts}`,
                  xAxis: b.from / gigabyte(),
                  itemStyle: { color: bandColor(b.experts) },
                  label: { color: bandColor(b.experts) },
                },
                { xAxis: b.to / gigabyte() },
              ]),
            },
            ...(markLine ? { markLine } : {}),
          }
        : {}),
    })),
      planBandSeries(band, { atX: budgetBytes ? budgetBytes / gigabyte() : null }),
    ),
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: [number, number] }) => `${p.seriesName}<br/>memory ${showBytes(p.value[0] * gigabyte())}<br/>loss ${fmt.loss(p.value[1])} nats/token`,
    },
  };
}

export function memoryBreakdownOption(plan: ResponseOf<'plan.memory'>): ChartOption {
  const feasible = plan.candidates.filter((c): c is Extract<typeof c, { feasible: true }> => c.feasible);
  const budget = plan.memory?.bytes ?? null;
  const cats = feasible.map((c) => `E = ${c.experts}${plan.best?.experts === c.experts ? ' (best)' : ''}`);
  return {
    ...base('Memory breakdown per expert count', budget ? `Budget ${showBytes(budget)} (${plan.memory?.source})` : ''),
    grid: { left: 110, right: 24, top: 70, bottom: 56 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => showBytes(Number(v) * gigabyte()) },
    xAxis: { type: 'value', name: `Memory (${gigabyteName()})`, nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'category', data: cats, inverse: true },
    series: [
      { name: 'Weights', type: 'bar', stack: 'm', data: feasible.map((c) => c.memory.weightsBytes / gigabyte()) },
      { name: 'KV cache', type: 'bar', stack: 'm', data: feasible.map((c) => (plan.memoryMode === 'model' ? 0 : c.memory.kvBytes / gigabyte())) },
      {
        name: 'Headroom',
        type: 'bar',
        stack: 'm',
        itemStyle: { opacity: 0.35 },
        data: feasible.map((c) => (budget ? Math.max(0, budget - c.memory.countedBytes) / gigabyte() : 0)),
      },
    ],
  };
}

/** How the inference-optimal answer moves as lifetime inference tokens grow. */
export function inferenceTrendOption(points: Array<{ inferenceTokens: number; plan: ResponseOf<'plan.inference'> }>, chosen?: { inferenceTokens: number; band: PlanBand | null | undefined }): ChartOption {
  const experts = [...new Set(points.flatMap((p) => p.plan.candidates.map((c) => c.experts)))];
  return {
    ...base('Loss as lifetime inference tokens grow', 'Each E at its inference-optimal size; training and inference share one budget'),
    xAxis: logAxis('Lifetime inference tokens (log scale)', fmt.countTick),
    yAxis: valueAxis('Predicted loss (nats/token)'),
    series: withBand(
      experts.map((e) => ({
        name: `E = ${e}`,
        type: 'line',
        showSymbol: true,
        symbolSize: 5,
        data: points.flatMap((p) => {
          const c = p.plan.candidates.find((x) => x.experts === e);
          return c && c.feasible ? [[p.inferenceTokens, c.loss]] : [];
        }),
      })),
      planBandSeries(chosen?.band, { atX: chosen?.inferenceTokens ?? null }),
    ),
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: [number, number] }) => `${p.seriesName}<br/>${fmt.count(p.value[0])} inference tokens<br/>loss ${fmt.loss(p.value[1])} nats/token`,
    },
  };
}

/** Skip between shown category labels so at most `most` of `n` show. */
const labelInterval = (n: number, most: number) => Math.max(0, Math.ceil(n / most) - 1);

/** A heatmap over two parameter axes (category axes with formatted labels), for law surfaces. */
export function heatmapOption(o: {
  title: string;
  subtitle: string;
  xName: string;
  yName: string;
  xs: number[];
  ys: number[];
  /** z[i][j] at ys[i], xs[j]. */
  z: number[][];
  zName: string;
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  zFormat: (v: number) => string;
  reverseColors?: boolean;
}): ChartOption {
  const data: Array<[number, number, number]> = [];
  let lo = Infinity;
  let hi = -Infinity;
  o.z.forEach((row, i) =>
    row.forEach((v, j) => {
      data.push([j, i, v]);
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }),
  );
  return {
    // The colour scale is named in the subtitle: a name at the scale's end collides with its handle's value.
    ...base(o.title, `${o.subtitle}. Colour: ${o.zName}`),
    legend: { show: false },
    grid: { left: 80, right: 90, top: 70, bottom: 60 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { value: [number, number, number] }) =>
        `${o.xName}: ${o.xFormat(o.xs[p.value[0]]!)}<br/>${o.yName}: ${o.yFormat(o.ys[p.value[1]]!)}<br/>${o.zName}: ${o.zFormat(p.value[2])}`,
    },
    // Every k-th label only, so a fine grid's labels do not run into each other at any size.
    xAxis: { type: 'category', name: o.xName, nameLocation: 'middle', nameGap: 36, data: o.xs.map(o.xFormat), axisLabel: { interval: labelInterval(o.xs.length, 9) } },
    yAxis: { type: 'category', name: o.yName, nameLocation: 'middle', nameGap: 56, data: o.ys.map(o.yFormat), axisLabel: { interval: labelInterval(o.ys.length, 10) } },
    visualMap: {
      min: lo,
      max: hi,
      calculable: true,
      orient: 'vertical',
      right: 4,
      top: 'center',
      inRange: { color: o.reverseColors ? ['#1a9850', '#fee08b', '#d73027'] : ['#d73027', '#fee08b', '#1a9850'] },
      formatter: (v: number) => o.zFormat(v),
    },
    // One chunk: progressive rendering would leave rows undrawn until later frames.
    series: [{ name: o.zName, type: 'heatmap', data, progressive: 1e7, progressiveThreshold: 1e7 }],
  };
}

export function lineOption(o: {
  title: string;
  subtitle: string;
  xName: string;
  yName: string;
  logX?: boolean;
  series: Array<{ name: string; points: Array<[number, number]>; yAxisIndex?: number }>;
  secondYName?: string;
  xFormat: (v: number) => string;
  markX?: { value: number; label: string };
}): ChartOption {
  return {
    ...base(o.title, o.subtitle),
    // The x range is the swept range itself: no room added beyond it.
    xAxis: o.logX ? logAxis(o.xName, o.xFormat) : { ...valueAxis(o.xName), nameGap: 32, boundaryGap: ['0%', '0%'], axisLabel: { formatter: (v: number) => o.xFormat(v) } },
    yAxis: o.secondYName ? [valueAxis(o.yName), { ...valueAxis(o.secondYName), position: 'right' }] : valueAxis(o.yName),
    tooltip: { trigger: 'axis' },
    series: o.series.map((s, i) => ({
      name: s.name,
      type: 'line',
      showSymbol: false,
      yAxisIndex: s.yAxisIndex ?? 0,
      data: s.points,
      ...(i === 0 && o.markX ? { markLine: { symbol: 'none', label: { formatter: o.markX.label }, data: [{ xAxis: o.markX.value }] } } : {}),
    })),
  };
}

type ComparisonChart = ResponseOf<'scenarios.compare'>['charts'][number];

/** A category label's width (px): six scenarios side by side in a comparison chart at 1024 px get about 100 px each. */
const CATEGORY_LABEL_WIDTH = 96;

function axisFor(a: ComparisonChart['x'], divisor: number) {
  const name = a.unit ? `${a.name} (${a.unit}${a.log ? ', log scale' : ''})` : a.name;
  // Every category labelled (ECharts drops labels that would collide: two of four scenario names went missing at 1024 px),
  // each broken onto lines within its share of the width instead.
  if (a.categories)
    return { type: 'category' as const, name, nameLocation: 'middle' as const, nameGap: 56, data: a.categories, axisLabel: { interval: 0, width: CATEGORY_LABEL_WIDTH, overflow: 'break' as const, lineHeight: 13 } };
  const tick = (shown: number) => {
    const v = shown * divisor;
    return a.unit === 'bytes' ? fmt.bytesTick(v, byteConvention.value) : /FLOP/.test(a.unit) ? powerOfTen(v) : a.unit === 'parameters' || a.unit === 'tokens' ? fmt.countTick(v) : fmt.plainTick(v);
  };
  if (a.log) return logAxis(name, tick);
  return { ...valueAxis(name), nameGap: 40, axisLabel: { formatter: tick } };
}

/** An overlay chart from the comparison model: one series per scenario (or per part, stacked). */
export function comparisonChartOption(c: ComparisonChart): ChartOption {
  // Each axis drawn in the units its ticks are round in (format's axisDivisor: memory in a unit of the convention).
  const points = c.series.flatMap((s) => s.points);
  const dx = fmt.axisDivisor(c.x.unit, c.x.log, points.flatMap((p) => (typeof p.x === 'number' ? [p.x] : [])), byteConvention.value);
  const dy = fmt.axisDivisor(c.y.unit, c.y.log, points.map((p) => p.y), byteConvention.value);
  return {
    ...base(c.title, 'Overlaid across the compared scenarios'),
    // Room under the plot for category labels of up to three lines and the axis name below them.
    ...(c.x.categories ? { grid: { left: 70, right: 24, top: 70, bottom: 90 } } : {}),
    xAxis: axisFor(c.x, dx),
    // Stacked bars of memory stand on zero: the linear axis's 8% margin put a band of negative bytes under them.
    yAxis: { ...axisFor(c.y, dy), nameGap: 52, ...(c.series.some((s) => s.type === 'bar') ? { min: 0 } : {}) },
    tooltip: { trigger: c.x.categories ? 'axis' : 'item' },
    series: c.series.map((s) => ({
      name: s.name,
      type: s.type,
      ...(s.stack ? { stack: s.stack } : {}),
      showSymbol: s.type !== 'line',
      ...(s.band ? { lineStyle: { type: 'dashed', width: 1 } } : {}),
      data: s.points.map((p) => (c.x.categories ? p.y / dy : [typeof p.x === 'number' ? p.x / dx : p.x, p.y / dy])),
    })),
  };
}

/**
 * Compute-optimal N_opt (FLOPs per token, left axis) and D_opt (tokens, right axis) of the
 * calibrated architectures over training budgets, log–log, with the chosen budget marked.
 * Null when no architecture is calibrated: the exponents-only law has no curve to draw.
 */
export function allocationCurvesOption(d: ResponseOf<'denseMoe.optimum'>): ChartOption | null {
  const curves = d.curves;
  if (!curves) return null;
  const drawn = (['dense', 'moe'] as const).flatMap((a, i) => {
    const c = curves[a];
    return c.calibrated ? [{ name: a === 'dense' ? 'Dense' : 'MoE', color: PALETTE[i]!, points: c.points }] : [];
  });
  if (!drawn.length) return null;
  const mark = { symbol: 'none', label: { formatter: 'budget' }, data: [{ xAxis: d.flops }] };
  return {
    ...base('Compute-optimal N_opt and D_opt over training budgets', `Solid: N_opt (left axis); dashed: D_opt (right axis). Exponents: ${d.provenance.coefficientSet.id}`),
    grid: { left: 80, right: 80, top: 70, bottom: 56 },
    xAxis: { ...logAxis('Training budget C (FLOPs, log scale)', powerOfTen), min: Math.min(...curves.budgets), max: Math.max(...curves.budgets) },
    yAxis: [
      { ...logAxis('N_opt (non-embedding FLOPs per token, log scale)', powerOfTen), nameGap: 50 },
      { ...logAxis('D_opt (tokens, log scale)', fmt.countTick), nameGap: 50, position: 'right' as const },
    ],
    series: drawn.flatMap((a, i) => [
      {
        name: `${a.name} N_opt`,
        type: 'line',
        showSymbol: false,
        yAxisIndex: 0,
        itemStyle: { color: a.color },
        data: a.points.map((p) => [p.flops, p.flopsPerToken]),
        ...(i === 0 ? { markLine: mark } : {}),
      },
      {
        name: `${a.name} D_opt`,
        type: 'line',
        showSymbol: false,
        yAxisIndex: 1,
        itemStyle: { color: a.color },
        lineStyle: { type: 'dashed' },
        data: a.points.map((p) => [p.flops, p.tokens]),
      },
    ]),
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: [number, number] }) =>
        `${p.seriesName}<br/>budget ${fmt.flops(p.value[0])} FLOPs<br/>${p.seriesName.endsWith('N_opt') ? `${fmt.flops(p.value[1])} FLOPs per token` : `${fmt.count(p.value[1])} tokens`}`,
    },
  };
}

/**
 * Training FLOPs to reach the target against E, one line per law, with the band each law's
 * uncertainty gives (drawn as a shaded area between its low and high edges: a transparent
 * lower series and the band's height stacked on it).
 */
export function targetFlopsOption(t: ResponseOf<'plan.target'>): ChartOption {
  const laws = [...new Set(t.rows.map((r) => r.law))];
  const series: unknown[] = [];
  laws.forEach((law, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const rows = t.rows.filter((r): r is Extract<typeof r, { feasible: true }> => r.law === law && r.feasible && r.designs.trainingFlops !== null);
    series.push({ name: law, type: 'line', color, symbolSize: 6, data: rows.map((r) => [r.experts, r.designs.trainingFlops!.trainingFlops]) });
    const banded = rows.filter((r) => r.trainingFlopsBand);
    if (banded.length) {
      const stack = `band-${law}`;
      series.push({ name: `${law} band low`, type: 'line', stack, symbol: 'none', lineStyle: { opacity: 0 }, color, data: banded.map((r) => [r.experts, r.trainingFlopsBand!.low]), tooltip: { show: false } });
      series.push({
        name: `${law} band`,
        type: 'line',
        stack,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color, opacity: 0.18 },
        color,
        data: banded.map((r) => [r.experts, r.trainingFlopsBand!.high - r.trainingFlopsBand!.low]),
        tooltip: { show: false },
      });
    }
  });
  return {
    ...base('Training FLOPs to reach the target, by expert count', 'Shaded: the band from each law’s published fit error (or bootstrap refits); each law reads the loss on its own data'),
    legend: { data: laws },
    xAxis: logAxis('Experts E (log scale)', (v) => String(v)),
    yAxis: logAxis('Training FLOPs (log scale)', powerOfTen),
    tooltip: { trigger: 'axis' },
    series,
  } as ChartOption;
}

/** Per-device memory of the deployment check, stacked by kind, against the usable memory and the reserve. */
export function deployMemoryOption(c: ResponseOf<'deploy.check'>): ChartOption {
  const t = c.training;
  const s = c.serving;
  const cats: string[] = [];
  const rows: Array<Record<string, number>> = [];
  if (t) {
    const m = (t.best ?? t.leanest)?.memory;
    cats.push(t.best ? `Training (${t.best.description})` : 'Training (leanest layout, does not fit)');
    rows.push({ Weights: (m?.weightsBytes ?? 0) / gigabyte(), Gradients: (m?.gradientBytes ?? 0) / gigabyte(), 'Optimizer states': (m?.optimizerBytes ?? 0) / gigabyte(), Activations: (m?.activationBytes ?? 0) / gigabyte(), 'KV cache': 0, Reserve: t.usable.reserveBytes / gigabyte(), Free: Math.max(0, t.usable.usableBytes - (m?.totalBytes ?? 0)) / gigabyte() });
  }
  if (s) {
    cats.push(`Serving (TP ${s.tp}, EP ${s.ep})`);
    rows.push({ Weights: s.weightsBytes / gigabyte(), Gradients: 0, 'Optimizer states': 0, Activations: 0, 'KV cache': s.kvCacheBytes / gigabyte(), Reserve: s.usable.reserveBytes / gigabyte(), Free: Math.max(0, s.headroomBytes) / gigabyte() });
  }
  const kinds = ['Weights', 'Gradients', 'Optimizer states', 'Activations', 'KV cache', 'Reserve', 'Free'];
  return {
    ...base(`Memory per device: ${c.model.name}`, `Device ${showBytes((t ?? s)?.usable.deviceBytes ?? 0)}; ZeRO (Rajbhandari 2020), activations (Korthikanti 2022)`),
    grid: { left: 200, right: 24, top: 70, bottom: 56 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => showBytes(Number(v) * gigabyte()) },
    xAxis: { type: 'value', name: `Memory per device (${gigabyteName()})`, nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'category', data: cats, inverse: true },
    series: kinds.map((k) => ({
      name: k,
      type: 'bar',
      stack: 'device',
      ...(k === 'Reserve' || k === 'Free' ? { itemStyle: { opacity: 0.35 } } : {}),
      data: rows.map((r) => r[k] ?? 0),
    })),
  };
}
