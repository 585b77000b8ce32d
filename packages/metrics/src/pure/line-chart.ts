import { formatTick } from './format-figures.ts';
import { type Axis, fixedAxis, niceAxis } from './nice-ticks.ts';

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

export const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const margin = { left: 70, right: 160, top: 40, bottom: 52 };
const font = 'font-family="DejaVu Sans, Arial, sans-serif"';

/** Two decimals keep the file small and the output identical run after run. */
const px = (v: number): string => String(Math.round(v * 100) / 100);

export const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

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

const axes = (f: Frame, chart: LineChart): string => {
  const xTicks = f.x.ticks.map((v) => {
    const x = px(toX(f, v));
    return `<line x1="${x}" y1="${px(f.top)}" x2="${x}" y2="${px(f.bottom)}" stroke="#e5e5e5"/><text class="tick" x="${x}" y="${px(f.bottom + 16)}" text-anchor="middle">${formatTick(v, f.x.step)}</text>`;
  });
  const yTicks = f.y.ticks.map((v) => {
    const y = px(toY(f, v));
    return `<line x1="${px(f.left)}" y1="${y}" x2="${px(f.right)}" y2="${y}" stroke="#e5e5e5"/><text class="tick" x="${px(f.left - 6)}" y="${px(toY(f, v) + 4)}" text-anchor="end">${formatTick(v, f.y.step)}</text>`;
  });
  const midX = px((f.left + f.right) / 2);
  const midY = px((f.top + f.bottom) / 2);
  return [
    `<g class="x-axis" data-min="${f.x.min}" data-max="${f.x.max}" font-size="11">${xTicks.join('')}</g>`,
    `<g class="y-axis" data-min="${f.y.min}" data-max="${f.y.max}" font-size="11">${yTicks.join('')}</g>`,
    `<rect x="${px(f.left)}" y="${px(f.top)}" width="${px(f.right - f.left)}" height="${px(f.bottom - f.top)}" fill="none" stroke="#333"/>`,
    `<text x="${midX}" y="${px(f.bottom + 40)}" text-anchor="middle" font-size="13">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(18 ${midY}) rotate(-90)" text-anchor="middle" font-size="13">${escapeXml(chart.yLabel)}</text>`,
  ].join('\n');
};

/** Path data with a new subpath after every gap; a lone point is drawn as a dot (round cap). */
const pathData = (f: Frame, points: Series['points']): string => {
  let pen = 'M';
  let d = '';
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = 'M';
      continue;
    }
    const at = `${px(toX(f, x))} ${px(toY(f, y))}`;
    d += pen === 'M' ? `M${at} L${at} ` : `L${at} `;
    pen = 'L';
  }
  return d.trim();
};

const lines = (f: Frame, series: LineChart['series']): string =>
  series
    .map(
      (s, i) =>
        `<g class="series" data-name="${escapeXml(s.name)}" data-points="${s.points.length}"><path d="${pathData(f, s.points)}" fill="none" stroke="${palette[i % palette.length]}" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round"/></g>`,
    )
    .join('\n');

const legend = (f: Frame, series: LineChart['series']): string =>
  series
    .map((s, i) => {
      const y = f.top + 10 + i * 20;
      const x = f.right + 14;
      return `<line x1="${px(x)}" y1="${px(y)}" x2="${px(x + 22)}" y2="${px(y)}" stroke="${palette[i % palette.length]}" stroke-width="2.5"/><text x="${px(x + 28)}" y="${px(y + 4)}" font-size="12">${escapeXml(s.name)}</text>`;
    })
    .join('\n');

/** A line chart as a standalone SVG document; the same chart gives the same bytes. */
export const renderLineChart = (chart: LineChart): string => {
  const width = chart.width ?? 720;
  const height = chart.height ?? 420;
  const f = frameOf(chart, width, height);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${font}>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${px(width / 2)}" y="24" text-anchor="middle" font-size="15">${escapeXml(chart.title)}</text>`,
    axes(f, chart),
    `<clipPath id="plot-area"><rect x="${px(f.left)}" y="${px(f.top)}" width="${px(f.right - f.left)}" height="${px(f.bottom - f.top)}"/></clipPath>`,
    `<g clip-path="url(#plot-area)">\n${lines(f, chart.series)}\n</g>`,
    `<g class="legend">\n${legend(f, chart.series)}\n</g>`,
    '</svg>',
    '',
  ].join('\n');
};
