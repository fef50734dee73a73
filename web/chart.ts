import uPlot from 'uplot';
import { h } from './dom.ts';

export interface BarDatum {
  readonly label: string;
  readonly value: number;
}

/**
 * A bar chart of counts by category with uPlot, which draws time series: the categories sit at
 * x = 0..n-1 and the axis prints their names instead of numbers.
 */
export function barChart(title: string, data: readonly BarDatum[], width = 560): HTMLElement {
  const figure = h('figure', { class: 'chart', 'data-chart': title }, h('figcaption', {}, title));
  if (data.length === 0) {
    figure.append(h('p', { class: 'muted' }, 'No resources yet.'));
    return figure;
  }
  const xs = data.map((_, index) => index);
  const ys = data.map((datum) => datum.value);
  const labels = data.map((datum) => datum.label);
  const options: uPlot.Options = {
    width,
    height: 260,
    // Room on the right for the last rotated label.
    padding: [12, 48, 0, 8],
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: [-0.6, data.length - 0.4] }, y: { range: [0, null] } },
    axes: [
      {
        splits: () => xs,
        values: (_u, splits) => splits.map((split) => labels[split] ?? ''),
        rotate: data.length > 6 ? -35 : 0,
        size: data.length > 6 ? 90 : 40,
        gap: 4,
      },
      { values: (_u, splits) => splits.map((split) => (Number.isInteger(split) ? split : '')) },
    ],
    series: [
      {},
      {
        label: 'Resources',
        fill: '#3f7fbf',
        stroke: '#2d5f91',
        points: { show: false },
        paths: uPlot.paths.bars?.({ size: [0.7, 48] }),
      },
    ],
  };
  const host = h('div', { class: 'chart-canvas' });
  figure.append(host);
  new uPlot(options, [xs, ys], host);
  // The canvas is pixels only; the same numbers as text keep the chart readable and testable.
  figure.append(
    h(
      'ul',
      { class: 'chart-values' },
      data.map((datum) => h('li', {}, `${datum.label}: ${datum.value}`)),
    ),
  );
  return figure;
}
