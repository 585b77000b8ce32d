import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as RA from 'fp-ts/lib/ReadonlyArray.js';
import { renderLineChart } from '../pure/line-chart.ts';
import { type NamedChart, runCharts, type RunChartOptions, type RunRows } from '../pure/run-charts.ts';
import { type PngOptions, renderPng } from './render-png.ts';
import { writeFileAtomic } from './write-text-file.ts';

export interface ChartFileOptions extends RunChartOptions {
  /** Also write a PNG beside each SVG (default true). */
  readonly png?: boolean;
  readonly pngOptions?: PngOptions;
}

const writeChart = (dir: string, named: NamedChart, options: ChartFileOptions): E.Either<string, ReadonlyArray<string>> => {
  const svg = renderLineChart(named.chart);
  const svgFile = writeFileAtomic(join(dir, `${named.name}.svg`), svg);
  if (options.png === false) return pipe(svgFile, E.map((p) => [p]));
  return pipe(
    svgFile,
    E.chain((svgPath) =>
      pipe(
        renderPng(svg, options.pngOptions),
        E.chain((png) => writeFileAtomic(join(dir, `${named.name}.png`), png)),
        E.map((pngPath) => [svgPath, pngPath]),
      ),
    ),
  );
};

/**
 * Writes neon's plots for one or many runs into `dir`: val_error, val_error_zoom,
 * train_loss and learning_rate, as SVG and PNG. Returns the paths written.
 */
export const writeCharts = (
  dir: string,
  runs: ReadonlyArray<RunRows>,
  options: ChartFileOptions = {},
): E.Either<string, ReadonlyArray<string>> =>
  pipe(
    runCharts(runs, options),
    RA.traverse(E.Applicative)((named) => writeChart(dir, named, options)),
    E.map(RA.flatten),
  );
