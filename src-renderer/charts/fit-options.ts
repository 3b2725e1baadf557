/**
 * ECharts options for a fit's results: predicted against observed loss (with y = x), the
 * residual of every run, and the fitted law's curves drawn over the runs.
 */
import type { FitResultData } from '../../src-main/ipc/contract/fit';
import * as fmt from '../../src-main/format';
import type { ChartOption } from './echarts';
import { base, PALETTE, valueAxis } from './options';

const ROLE_NAME: Record<string, string> = { train: 'trained on', holdout: 'held out', dropped: 'dropped', excluded: 'other expert count' };
const ROLES = ['train', 'holdout', 'dropped', 'excluded'] as const;

type Residual = FitResultData['residuals'][number];
const runName = (r: Residual) => r.label ?? (r.line !== null ? `line ${r.line}` : `run ${r.index + 1}`);

export function predictedVsObservedOption(r: FitResultData): ChartOption {
  const losses = r.residuals.flatMap((x) => [x.observedLoss, x.predictedLoss]);
  const lo = Math.min(...losses);
  const hi = Math.max(...losses);
  return {
    ...base('Predicted against observed loss', `${r.law} fit; points on the dashed line y = x are predicted exactly`),
    xAxis: valueAxis('Observed loss (nats/token)', 32),
    yAxis: valueAxis('Predicted loss (nats/token)'),
    series: [
      ...ROLES.filter((role) => r.residuals.some((x) => x.role === role)).map((role) => ({
        name: ROLE_NAME[role],
        type: 'scatter',
        symbolSize: 6,
        data: r.residuals.filter((x) => x.role === role).map((x) => ({ value: [x.observedLoss, x.predictedLoss], name: runName(x) })),
      })),
      { name: 'y = x', type: 'line', showSymbol: false, silent: true, lineStyle: { type: 'dashed', color: '#888' }, data: [[lo, lo], [hi, hi]] },
    ],
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; name: string; value: [number, number] }) =>
        `${p.name ? `${p.name} (${p.seriesName})` : p.seriesName}<br/>observed ${fmt.loss(p.value[0])} nats/token<br/>predicted ${fmt.loss(p.value[1])} nats/token`,
    },
  };
}

export function residualsOption(r: FitResultData): ChartOption {
  return {
    ...base('Residual of every run', 'ln L̂ − ln L (≈ relative error), runs in file order'),
    // Runs are numbered from 1: the axis starts at 0, not at the negative tick the 8% margin rounded to (−50 for 245 runs).
    xAxis: { ...valueAxis('Run (order in the data)', 32), scale: false, minInterval: 1, min: 0 },
    yAxis: valueAxis('Residual ln L̂ − ln L'),
    series: ROLES.filter((role) => r.residuals.some((x) => x.role === role)).map((role, i) => ({
      name: ROLE_NAME[role],
      type: 'scatter',
      symbolSize: 6,
      data: r.residuals.filter((x) => x.role === role).map((x) => ({ value: [x.index + 1, x.residual], name: runName(x) })),
      ...(i === 0 ? { markLine: { symbol: 'none', silent: true, label: { show: false }, lineStyle: { color: '#888' }, data: [{ yAxis: 0 }] } } : {}),
    })),
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; name: string; value: [number, number] }) => `${p.name} (${p.seriesName})<br/>residual ${fmt.loss(p.value[1])} (ln L)`,
    },
  };
}

export function curvesOption(r: FitResultData): ChartOption {
  const series: Record<string, unknown>[] = [];
  r.curves.forEach((c, i) => {
    const color = PALETTE[i % PALETTE.length];
    series.push({ name: c.label, type: 'line', showSymbol: false, lineStyle: { color }, itemStyle: { color }, data: c.points.map((p) => [p.tokens, p.loss]) });
    series.push({
      name: c.label,
      type: 'scatter',
      symbolSize: 5,
      itemStyle: { color, opacity: 0.75 },
      data: c.runs.map((k) => r.residuals[k]).filter((x): x is Residual => !!x).map((x) => ({ value: [x.tokens, x.observedLoss], name: `${runName(x)}: N ${fmt.count(x.nAct)}` })),
    });
  });
  return {
    ...base('Fitted law over the runs', 'Loss against training tokens; one curve per model size (runs grouped by N, curve at the group’s geometric-mean N)'),
    xAxis: {
      type: 'log',
      name: 'Training tokens D (log scale)',
      nameLocation: 'middle',
      nameGap: 32,
      axisLabel: { formatter: fmt.countTick },
      splitLine: { show: true, lineStyle: { opacity: 0.3 } },
    },
    yAxis: valueAxis('Loss (nats/token)'),
    series,
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; name: string; value: [number, number] }) =>
        `${p.name || p.seriesName}<br/>D ${fmt.count(p.value[0])} tokens<br/>loss ${fmt.loss(p.value[1])} nats/token`,
    },
  };
}
