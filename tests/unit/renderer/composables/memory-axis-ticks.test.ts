/**
 * A log axis of memory ticks at decades of the chosen gigabyte ("10 GiB", "100 GiB", "1,000 GiB";
 * "10 GB", "100 GB", "1 TB"), not at powers of ten bytes, which in GiB read "9.3 GiB", "93 GiB":
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

/** The x axis's tick labels and where ECharts put the points, as the axis's own scale reads them. */
function drawn(option: Record<string, unknown>): { ticks: string[]; xs: number[] } {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 360 });
  try {
    instance.setOption(option);
    type Axis = { scale: { getTicks(): Array<{ value: number }> }; model: { get(k: string): { formatter: (v: number) => string } } };
    const model = (instance as unknown as { getModel(): { getComponent(t: string, i: number): { axis: Axis } } }).getModel();
    const axis = model.getComponent('xAxis', 0).axis;
    const format = axis.model.get('axisLabel').formatter;
    const ticks = axis.scale.getTicks().map((t) => format(t.value));
    const data = ((option.series as Array<{ data: Array<{ value?: number[] } | number[]> }>)[0]!.data).map((d) => (Array.isArray(d) ? d[0]! : d.value![0]!));
    return { ticks, xs: data };
  } finally {
    instance.dispose();
  }
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
