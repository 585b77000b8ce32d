import { describe, expect, it } from 'vitest';
import { epochRowOf } from '../pure/epoch-row.ts';
import { type LineChart, renderLineChart } from '../pure/line-chart.ts';
import { runCharts, type RunRows } from '../pure/run-charts.ts';
import { epochDone } from './sample-events.ts';
import { type SvgElement, subpaths, svgElements } from './svg-elements.ts';

/** Two runs of different lengths, errors falling epoch by epoch (fractions). */
const runs: ReadonlyArray<RunRows> = [
  { name: 'n=3 (20 layers)', rows: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((e) => epochRowOf(epochDone(e, { valError: 0.5 - 0.04 * e }))) },
  { name: 'n=5 (32 layers)', rows: [0, 1, 2, 3, 4, 5].map((e) => epochRowOf(epochDone(e, { valError: 0.45 - 0.05 * e }))) },
];
const chartNamed = (name: string): LineChart => runCharts(runs).find((c) => c.name === name)!.chart;

const axisOf = (elements: ReadonlyArray<SvgElement>, cls: string) => {
  const g = elements.find((e) => e.tag === 'g' && e.attrs['class'] === cls)!;
  return [Number(g.attrs['data-min']), Number(g.attrs['data-max'])] as const;
};

/** Maps pixels back to data through the tick marks, the way a reader of the chart would. */
const inverse = (elements: ReadonlyArray<SvgElement>) => {
  const ticks = elements.filter((e) => e.attrs['class'] === 'tick');
  const xs = ticks.filter((t) => t.attrs['text-anchor'] === 'middle');
  const ys = ticks.filter((t) => t.attrs['text-anchor'] === 'end');
  const line = (pts: ReadonlyArray<readonly [number, number]>) => {
    const [[p0, v0], [p1, v1]] = [pts[0]!, pts.at(-1)!];
    return (p: number) => v0 + ((p - p0) / (p1 - p0)) * (v1 - v0);
  };
  const fx = line(xs.map((t) => [Number(t.attrs['x']), Number(t.text)]));
  const fy = line(ys.map((t) => [Number(t.attrs['y']) - 4, Number(t.text)]));
  return ([x, y]: readonly [number, number]) => [fx(x), fy(y)] as const;
};

describe('SVG line chart', () => {
  it('draws both runs as named series through their data points', () => {
    const elements = svgElements(renderLineChart(chartNamed('val_error')));
    const series = elements.filter((e) => e.attrs['class'] === 'series');
    expect(series.map((s) => s.attrs['data-name'])).toEqual(['n=3 (20 layers)', 'n=5 (32 layers)']);
    const paths = elements.filter((e) => e.tag === 'path').map((p) => subpaths(p.attrs['d']!));
    const toData = inverse(elements);
    runs.forEach((run, i) => {
      const drawn = paths[i]![0]!.slice(1).map(toData); // each subpath repeats its first point
      expect(drawn).toHaveLength(run.rows.length);
      drawn.forEach(([x, y], k) => {
        expect(x).toBeCloseTo(run.rows[k]!.epoch, 1);
        expect(y).toBeCloseTo(run.rows[k]!.valError! * 100, 1);
      });
    });
    expect(elements.filter((e) => e.tag === 'text' && e.text.startsWith('n=')).map((e) => e.text)).toHaveLength(2);
  });

  it('fits the axes to the data of all runs (epochs 0..9, errors 14..50 %) widened to whole ticks', () => {
    const elements = svgElements(renderLineChart(chartNamed('val_error')));
    expect(axisOf(elements, 'x-axis')).toEqual([0, 10]);
    expect(axisOf(elements, 'y-axis')).toEqual([10, 50]);
    const yTicks = elements.filter((e) => e.attrs['class'] === 'tick' && e.attrs['text-anchor'] === 'end').map((e) => e.text);
    expect(yTicks).toEqual(['10', '20', '30', '40', '50']);
  });

  it('zooms to a fixed y range and clips what falls outside it', () => {
    const zoom = runCharts(runs, { zoomPercent: [30, 40] }).find((c) => c.name === 'val_error_zoom')!.chart;
    const svg = renderLineChart(zoom);
    const elements = svgElements(svg);
    expect(axisOf(elements, 'y-axis')).toEqual([30, 40]);
    expect(svg).toContain('<g clip-path="url(#plot-area)">');
  });

  it('fits the default zoom around the best error', () => {
    expect(chartNamed('val_error_zoom').yRange).toEqual([13, 19]); // best is 14 %
  });

  it('breaks a line where the value is not finite (a diverged loss)', () => {
    const chart: LineChart = { title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', points: [[0, 1], [1, Number.NaN], [2, 3], [3, 2]] }] };
    const path = svgElements(renderLineChart(chart)).find((e) => e.tag === 'path')!;
    expect(subpaths(path.attrs['d']!).map((s) => s.length)).toEqual([2, 3]);
  });

  it('renders the same bytes for the same chart, and escapes names', () => {
    const chart: LineChart = { ...chartNamed('train_loss'), title: 'loss <n=3 & n=5>' };
    expect(renderLineChart(chart)).toBe(renderLineChart(chart));
    expect(renderLineChart(chart)).toContain('loss &#60;n=3 &#38; n=5&#62;');
  });

  it('plots training loss and learning rate against epoch too', () => {
    const names = runCharts(runs).map((c) => c.name);
    expect(names).toEqual(['val_error', 'val_error_zoom', 'train_loss', 'learning_rate']);
    const lr = svgElements(renderLineChart(chartNamed('learning_rate')));
    expect(lr.filter((e) => e.attrs['class'] === 'series')).toHaveLength(2);
  });
});
