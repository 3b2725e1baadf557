/**
 * A log axis of memory ticks at decades of the chosen gigabyte ("10 GiB", "100 GiB", "1,000 GiB";
 * "10 GB", "100 GB", "1 TB"), not at powers of ten bytes, which in GiB read "9.3 GiB", "93 GiB";
 * a linear one at whole numbers of its largest value's unit ("2 TiB", "4 TiB"), not "2.7 TiB":
 * rendered by ECharts itself (server-side, SVG) for the report's builder and the renderer's
 * comparison chart, with the points still drawn at their memory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { echarts } from '../../../../src-renderer/charts/echarts';
import { comparisonChartOption } from '../../../../src-renderer/charts/options';
import { byteConvention } from '../../../../src-renderer/composables/units';
import { chartOption } from '../../../../src-main/reports/charts-svg';
import type { ByteConvention } from '../../../../src-main/format';

const GIB = 2 ** 30;
/** Points at 20 GiB, 200 GiB and 800 GiB of memory. */
const chart = {
  id: 'loss-memory',
  title: 'Loss against memory',
  x: { name: 'Memory, weights + KV cache', unit: 'bytes', log: true, categories: null },
  y: { name: 'Loss', unit: 'nats per token', log: false, categories: null },
  series: [{ name: 'A', type: 'scatter' as const, stack: null, band: false, scenarioId: 'a', points: [20, 200, 800].map((g, i) => ({ x: g * GIB, y: 2 - 0.1 * i })) }],
};

/** Memory of four designs as bars, the largest 12.3 TiB (the comparison's "Memory of the best design"). */
const TIB = 2 ** 40;
const bars = {
  id: 'memory',
  title: 'Memory of the best design',
  x: { name: 'Scenario', unit: '', log: false, categories: ['a', 'b', 'c', 'd'] },
  y: { name: 'Memory', unit: 'bytes', log: false, categories: null },
  series: [{ name: 'Weights', type: 'bar' as const, stack: 'memory', band: false, scenarioId: null, points: [0.9, 0.7, 0.85, 12.3].map((t, i) => ({ x: ['a', 'b', 'c', 'd'][i]!, y: t * TIB })) }],
};

/** An axis's tick labels as ECharts itself lays them out (its scale's ticks through the option's formatter). */
function ticksOf(option: Record<string, unknown>, axis: 'xAxis' | 'yAxis'): string[] {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 360 });
  try {
    instance.setOption(option);
    type Axis = { scale: { getTicks(): Array<{ value: number }> }; model: { get(k: string): { formatter: (v: number) => string } } };
    const a = (instance as unknown as { getModel(): { getComponent(t: string, i: number): { axis: Axis } } }).getModel().getComponent(axis, 0).axis;
    return a.scale.getTicks().map((t) => a.model.get('axisLabel').formatter(t.value));
  } finally {
    instance.dispose();
  }
}

describe('a linear memory axis in binary units ticks at whole TiB', () => {
  const whole = (ticks: string[]) => {
    const shown = ticks.filter(Boolean);
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const t of shown) expect(t).toMatch(/^\d+ TiB$/);
  };
  it('report', () => whole(ticksOf(chartOption(bars, 520, 'binary'), 'yAxis')));
  it('renderer comparison', () => whole(ticksOf(comparisonChartOption(bars) as Record<string, unknown>, 'yAxis')));
});

/** The x axis's tick labels, and where the option puts the points on it. */
function drawn(option: Record<string, unknown>): { ticks: string[]; xs: number[] } {
  const data = (option.series as Array<{ data: Array<{ value?: number[] } | number[]> }>)[0]!.data;
  return { ticks: ticksOf(option, 'xAxis'), xs: data.map((d) => (Array.isArray(d) ? d[0]! : d.value![0]!)) };
}

afterEach(() => {
  byteConvention.value = 'binary';
});

describe.each<[ByteConvention, string[], number]>([
  ['binary', ['10 GiB', '100 GiB', '1,000 GiB'], GIB],
  ['decimal', ['10 GB', '100 GB', '1 TB'], 1e9],
])('a log memory axis in %s units', (convention, decades, gigabyte) => {
  const expectDecades = ({ ticks, xs }: { ticks: string[]; xs: number[] }) => {
    for (const d of decades) expect(ticks).toContain(d);
    // Drawn in gigabytes: each point at its memory divided by the gigabyte.
    expect(xs.map((x) => x * gigabyte)).toEqual(chart.series[0]!.points.map((p) => expect.closeTo(p.x, 0)));
  };
  it('report', () => expectDecades(drawn(chartOption(chart, 520, convention))));
  it('renderer comparison', () => {
    byteConvention.value = convention;
    expectDecades(drawn(comparisonChartOption(chart) as Record<string, unknown>));
  });
});
