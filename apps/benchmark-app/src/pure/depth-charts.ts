import { MIB, type LineChart, type Series } from '@resnet-cifar/metrics/pure';
import type { DepthMeasured, DepthResult } from './depth-result.ts';

export interface DepthChart {
  readonly name: 'images_per_second' | 'memory';
  readonly chart: LineChart;
}

const seriesOf = (name: string, rows: ReadonlyArray<DepthMeasured>, y: (m: DepthMeasured) => number | undefined): Series[] => {
  const points = rows.flatMap((m) => {
    const value = y(m);
    return value === undefined ? [] : [[6 * m.depth + 2, value] as const];
  });
  return points.length === 0 ? [] : [{ name, points }];
};

/** The measured rows per thread count, each with the suffix its series names carry ('' for a single count). */
const perThreadCount = (rows: ReadonlyArray<DepthMeasured>): ReadonlyArray<readonly [string, ReadonlyArray<DepthMeasured>]> => {
  const counts = [...new Set(rows.map((m) => m.wasmThreads))];
  if (counts.length < 2) return [['', rows]];
  return counts.map((n) => [`, ${n} thread${n === 1 ? '' : 's'}`, rows.filter((m) => m.wasmThreads === n)] as const);
};

/** Throughput and memory against the number of layers, one point per measured depth (a line per thread count for throughput). */
export const depthCharts = (results: ReadonlyArray<DepthResult>): ReadonlyArray<DepthChart> => {
  const measured = results.filter((r): r is DepthMeasured => r.status === 'measured').sort((a, b) => a.depth - b.depth);
  // Memory hardly depends on the thread count: its chart shows the first count's rows.
  const groups = perThreadCount(measured);
  const rows = groups[0]?.[1] ?? [];
  const xLabel = 'layers (6n+2)';
  return [
    {
      name: 'images_per_second',
      chart: {
        title: 'Throughput by depth', xLabel, yLabel: 'images per second',
        series: groups.flatMap(([suffix, group]) => [
          ...seriesOf(`train (pipeline${suffix})`, group, (m) => m.pipeline.imagesPerSecond),
          ...seriesOf(`train (bare loop${suffix})`, group, (m) => m.bare?.imagesPerSecond),
          ...seriesOf(`forward${suffix}`, group, (m) => m.forward?.imagesPerSecond),
        ]),
      },
    },
    {
      name: 'memory',
      chart: {
        title: 'Memory by depth', xLabel, yLabel: 'MiB',
        series: [
          ...seriesOf('GPU (nvidia-smi)', rows, (m) => (m.memory.gpuBytes === undefined ? undefined : m.memory.gpuBytes / MIB)),
          ...seriesOf('peak RSS', rows, (m) => m.memory.peakRssBytes / MIB),
          ...seriesOf('tfjs peak in a step', rows, (m) => (m.memory.peakTfjsBytes === undefined ? undefined : m.memory.peakTfjsBytes / MIB)),
        ],
      },
    },
  ];
};
