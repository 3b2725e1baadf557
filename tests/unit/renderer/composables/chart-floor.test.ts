/**
 * The lowest curve of a loss chart must not lie on the axis floor: rendered by ECharts itself
 * (server-side, SVG), the y axis must reach below the smallest plotted loss by a visible margin,
 * for the renderer's shared builders and the report's.
 */
import { describe, expect, it } from 'vitest';
import { echarts } from '../../../../src-renderer/charts/echarts';
import { isoFlopOption } from '../../../../src-renderer/charts/options';
import { chartOption } from '../../../../src-main/reports/charts-svg';
import { isoFlopSweep } from '../../../../src-main/engine/joint';

/** The y axis extent ECharts settled on for an option. */
function yExtent(option: Record<string, unknown>): [number, number] {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 360 });
  try {
    chart.setOption(option);
    const model = (chart as unknown as { getModel(): { getComponent(t: string, i: number): { axis: { scale: { getExtent(): [number, number] } } } } }).getModel();
    return model.getComponent('yAxis', 0).axis.scale.getExtent();
  } finally {
    chart.dispose();
  }
}

const sweep = isoFlopSweep({ flops: 1e22, experts: [1, 8, 64], points: 41 });
const losses = sweep.series.flatMap((s) => s.points.map((p) => p.loss));
const lo = Math.min(...losses);
const hi = Math.max(...losses);

describe('loss axes leave room below the lowest curve', () => {
  it('renderer: the iso-FLOP chart', () => {
    const provenance = { law: { name: 'Joint MoE scaling law' }, coefficientSet: { name: 'Table 3' } };
    const [min, max] = yExtent(<Record<string, unknown>>isoFlopOption({ ...sweep, provenance } as unknown as Parameters<typeof isoFlopOption>[0]));
    expect(min).toBeLessThan(lo - 0.03 * (hi - lo));
    expect(max).toBeGreaterThanOrEqual(hi);
  });

  it('report: a line chart of losses', () => {
    const chart = {
      title: 'Loss along the iso-FLOP line',
      x: { name: 'Active parameters', unit: 'parameters', log: true },
      y: { name: 'Predicted loss', unit: 'nats per token', log: false },
      series: sweep.series.map((s) => ({ name: `E = ${s.experts}`, type: 'line' as const, points: s.points.map((p) => ({ x: p.nAct, y: p.loss })) })),
    };
    const [min] = yExtent(chartOption(chart as unknown as Parameters<typeof chartOption>[0]));
    expect(min).toBeLessThan(lo - 0.03 * (hi - lo));
  });
});
