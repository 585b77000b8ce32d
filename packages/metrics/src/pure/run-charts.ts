import type { EpochRow } from './epoch-row.ts';
import type { LineChart, Series } from './line-chart.ts';

/** One run's per-epoch figures under the name its lines carry in a legend (e.g. "n=3, 20 layers"). */
export interface RunRows {
  readonly name: string;
  readonly rows: ReadonlyArray<EpochRow>;
}

export interface RunChartOptions {
  /** The zoomed validation-error chart's y range in percent; fitted to the best error if absent. */
  readonly zoomPercent?: readonly [number, number];
}

/** The charts a run is judged by, each with the file name it is saved under (no extension). */
export interface NamedChart {
  readonly name: 'val_error' | 'val_error_zoom' | 'train_loss' | 'learning_rate';
  readonly chart: LineChart;
}

const seriesOf = (runs: ReadonlyArray<RunRows>, y: (row: EpochRow) => number | undefined): ReadonlyArray<Series> =>
  runs.map((run) => ({
    name: run.name,
    points: run.rows.flatMap((row) => {
      const value = y(row);
      return value === undefined ? [] : [[row.epoch, value] as const];
    }),
  }));

const percent = (fraction: number | undefined): number | undefined => (fraction === undefined ? undefined : fraction * 100);

/** Around the best error: neon's zoomed plot is for telling close final errors apart. */
const zoomAround = (series: ReadonlyArray<Series>): readonly [number, number] => {
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
  if (ys.length === 0) return [0, 10];
  const best = Math.floor(Math.min(...ys));
  return [Math.max(0, best - 1), best + 5];
};

/** Validation error (full and zoomed), training loss and learning rate against epoch, all runs on each. */
export const runCharts = (runs: ReadonlyArray<RunRows>, options: RunChartOptions = {}): ReadonlyArray<NamedChart> => {
  const valError = seriesOf(runs, (r) => percent(r.valError));
  const base = { xLabel: 'epoch', series: valError };
  return [
    { name: 'val_error', chart: { ...base, title: 'Validation error', yLabel: 'validation error (%)' } },
    {
      name: 'val_error_zoom',
      chart: { ...base, title: 'Validation error (zoomed)', yLabel: 'validation error (%)', yRange: options.zoomPercent ?? zoomAround(valError) },
    },
    {
      name: 'train_loss',
      chart: { title: 'Training loss', xLabel: 'epoch', yLabel: 'cross-entropy', series: seriesOf(runs, (r) => r.trainLoss) },
    },
    {
      name: 'learning_rate',
      chart: { title: 'Learning rate', xLabel: 'epoch', yLabel: 'learning rate', series: seriesOf(runs, (r) => r.lr) },
    },
  ];
};
