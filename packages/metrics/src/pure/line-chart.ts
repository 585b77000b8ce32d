import { formatTick } from './format-figures.ts';
import { type Axis, fixedAxis, niceAxis } from './nice-ticks.ts';
import { el, escapeXml, px } from './svg-element.ts';

/** One named line; points with a non-finite y (a diverged loss) break the line. */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: ReadonlyArray<Series>;
  readonly width?: number;
  readonly height?: number;
  /** A fixed range instead of one fitted to the data; lines outside it are clipped (zoom). */
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
}

/** Tableau 10: distinct for up to ten runs, and legible to most colour-blind readers. */
export const palette = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
];
const colourOf = (i: number): string => palette[i % palette.length] as string;
const margin = { left: 70, right: 160, top: 40, bottom: 52 };

interface Frame {
  readonly x: Axis;
  readonly y: Axis;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const toX = (f: Frame, v: number): number => f.left + ((v - f.x.min) / (f.x.max - f.x.min)) * (f.right - f.left);
const toY = (f: Frame, v: number): number => f.bottom - ((v - f.y.min) / (f.y.max - f.y.min)) * (f.bottom - f.top);

const extent = (values: ReadonlyArray<number>): readonly [number, number] => {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? [0, 1] : [Math.min(...finite), Math.max(...finite)];
};

const frameOf = (chart: LineChart, width: number, height: number): Frame => {
  const points = chart.series.flatMap((s) => s.points);
  const [x0, x1] = chart.xRange ?? extent(points.map((p) => p[0]));
  const [y0, y1] = chart.yRange ?? extent(points.map((p) => p[1]));
  return {
    x: chart.xRange === undefined ? niceAxis(x0, x1, 8) : fixedAxis(x0, x1, 8),
    y: chart.yRange === undefined ? niceAxis(y0, y1, 6) : fixedAxis(y0, y1, 6),
    left: margin.left,
    right: width - margin.right,
    top: margin.top,
    bottom: height - margin.bottom,
  };
};

const plotRect = (f: Frame): Record<string, number> => ({
  x: f.left, y: f.top, width: f.right - f.left, height: f.bottom - f.top,
});

const grid = { stroke: '#e5e5e5' };

const xAxis = (f: Frame): string =>
  el('g', { class: 'x-axis', 'data-min': String(f.x.min), 'data-max': String(f.x.max), 'font-size': 11 },
    f.x.ticks.map((v) => {
      const x = toX(f, v);
      return el('line', { x1: x, y1: f.top, x2: x, y2: f.bottom, ...grid }) +
        el('text', { class: 'tick', x, y: f.bottom + 16, 'text-anchor': 'middle' }, formatTick(v, f.x.step));
    }).join(''));

const yAxis = (f: Frame): string =>
  el('g', { class: 'y-axis', 'data-min': String(f.y.min), 'data-max': String(f.y.max), 'font-size': 11 },
    f.y.ticks.map((v) => {
      const y = toY(f, v);
      return el('line', { x1: f.left, y1: y, x2: f.right, y2: y, ...grid }) +
        el('text', { class: 'tick', x: f.left - 6, y: y + 4, 'text-anchor': 'end' }, formatTick(v, f.y.step));
    }).join(''));

const labels = (f: Frame, chart: LineChart): string =>
  [
    el('text', { x: (f.left + f.right) / 2, y: f.bottom + 40, 'text-anchor': 'middle', 'font-size': 13 }, escapeXml(chart.xLabel)),
    el('text', { transform: `translate(18 ${(f.top + f.bottom) / 2}) rotate(-90)`, 'text-anchor': 'middle', 'font-size': 13 },
      escapeXml(chart.yLabel)),
  ].join('\n');

/** Path data with a new subpath after every gap; a lone point is drawn as a dot (round cap). */
const pathData = (f: Frame, points: Series['points']): string => {
  const parts: string[] = [];
  let pen: 'M' | 'L' = 'M';
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = 'M';
      continue;
    }
    const at = `${px(toX(f, x))} ${px(toY(f, y))}`;
    parts.push(pen === 'M' ? `M${at} L${at}` : `L${at}`);
    pen = 'L';
  }
  return parts.join(' ');
};

const lines = (f: Frame, series: LineChart['series']): string =>
  series
    .map((s, i) =>
      el('g', { class: 'series', 'data-name': s.name, 'data-points': String(s.points.length) },
        el('path', {
          d: pathData(f, s.points), fill: 'none', stroke: colourOf(i),
          'stroke-width': 1.8, 'stroke-linejoin': 'round', 'stroke-linecap': 'round',
        })))
    .join('\n');

const legend = (f: Frame, series: LineChart['series']): string =>
  series
    .map((s, i) => {
      const [x, y] = [f.right + 14, f.top + 10 + i * 20];
      return el('line', { x1: x, y1: y, x2: x + 22, y2: y, stroke: colourOf(i), 'stroke-width': 2.5 }) +
        el('text', { x: x + 28, y: y + 4, 'font-size': 12 }, escapeXml(s.name));
    })
    .join('\n');

/** A line chart (axes, ticks, grid, legend, clipped lines) as a standalone SVG; same chart, same bytes. */
export const renderLineChart = (chart: LineChart): string => {
  const [width, height] = [chart.width ?? 720, chart.height ?? 420];
  const f = frameOf(chart, width, height);
  const body = [
    el('rect', { width, height, fill: '#ffffff' }),
    el('text', { x: width / 2, y: 24, 'text-anchor': 'middle', 'font-size': 15 }, escapeXml(chart.title)),
    xAxis(f),
    yAxis(f),
    el('rect', { ...plotRect(f), fill: 'none', stroke: '#333' }),
    labels(f, chart),
    el('clipPath', { id: 'plot-area' }, el('rect', plotRect(f))),
    el('g', { 'clip-path': 'url(#plot-area)' }, `\n${lines(f, chart.series)}\n`),
    el('g', { class: 'legend' }, `\n${legend(f, chart.series)}\n`),
  ];
  const root = { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` };
  return `${el('svg', { ...root, 'font-family': 'DejaVu Sans, Arial, sans-serif' }, `\n${body.join('\n')}\n`)}\n`;
};
