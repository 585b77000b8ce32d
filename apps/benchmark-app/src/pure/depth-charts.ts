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

/** Throughput and memory against the number of layers, one point per measured depth. */
export const depthCharts = (results: ReadonlyArray<DepthResult>): ReadonlyArray<DepthChart> => {
  const rows = results.filter((r): r is DepthMeasured => r.status === 'measured').sort((a, b) => a.depth - b.depth);
  const xLabel = 'layers (6n+2)';
  return [
    {
      name: 'images_per_second',
      chart: {
        title: 'Throughput by depth', xLabel, yLabel: 'images per second',
        series: [
          ...seriesOf('train (pipeline)', rows, (m) => m.pipeline.imagesPerSecond),
          ...seriesOf('train (bare loop)', rows, (m) => m.bare?.imagesPerSecond),
          ...seriesOf('forward', rows, (m) => m.forward?.imagesPerSecond),
        ],
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
