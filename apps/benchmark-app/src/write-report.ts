import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as RA from 'fp-ts/ReadonlyArray';
import { renderLineChart, renderPng, writeFileAtomic } from '@resnet-cifar/metrics';
import { renderBenchmarkMarkdown } from './pure/benchmark-markdown.ts';
import { depthCharts } from './pure/depth-charts.ts';
import { BenchmarkReport } from './pure/depth-result.ts';

const writeChart = (dir: string, name: string, svg: string): E.Either<string, ReadonlyArray<string>> =>
  pipe(
    writeFileAtomic(join(dir, `${name}.svg`), svg),
    E.flatMap((svgPath) =>
      pipe(renderPng(svg), E.flatMap((png) => writeFileAtomic(join(dir, `${name}.png`), png)), E.map((pngPath) => [svgPath, pngPath])),
    ),
  );

/** benchmark.json (encoded by its codec), benchmark.md, and the charts by depth as SVG and PNG. Returns the paths. */
export const writeReport = (dir: string, report: BenchmarkReport): E.Either<string, ReadonlyArray<string>> =>
  pipe(
    [
      writeFileAtomic(join(dir, 'benchmark.json'), `${JSON.stringify(BenchmarkReport.encode(report), null, 2)}\n`),
      writeFileAtomic(join(dir, 'benchmark.md'), renderBenchmarkMarkdown(report)),
    ],
    RA.sequence(E.Applicative),
    E.flatMap((files) =>
      pipe(
        depthCharts(report.depths),
        RA.traverse(E.Applicative)(({ name, chart }) => writeChart(dir, name, renderLineChart(chart))),
        E.map((charts) => [...files, ...charts.flat()]),
      ),
    ),
  );
