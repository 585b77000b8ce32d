import * as E from 'fp-ts/lib/Either.js';
import { type MonoTypeOperatorFunction, Observable } from 'rxjs';
import { epochRowOf, type EpochRow } from '../pure/epoch-row.ts';
import type { TrainEvent } from '../pure/train-event.ts';
import { type ChartFileOptions, writeCharts } from './write-charts.ts';

export interface PlotOptions extends ChartFileOptions {
  /** Epochs before this stream (a resumed run's history), so the charts start at epoch 0. */
  readonly history?: ReadonlyArray<EpochRow>;
}

/**
 * Passes events through and redraws the run's SVG plots into `dir` after every epoch (about
 * 30 ms), so the charts of a run in progress, or of one that crashed, are at most an epoch
 * old. PNGs (about 250 ms each, on this thread) are drawn once, when the run completes.
 */
export const writePlots = (dir: string, runName: string, options: PlotOptions = {}): MonoTypeOperatorFunction<TrainEvent> =>
  (source) =>
    new Observable<TrainEvent>((subscriber) => {
      let rows: ReadonlyArray<EpochRow> = options.history ?? [];
      const draw = (png: boolean): boolean => {
        const written = writeCharts(dir, [{ name: runName, rows }], { ...options, png });
        if (E.isLeft(written)) subscriber.error(new Error(written.left));
        return E.isRight(written);
      };
      return source.subscribe({
        next: (event) => {
          if (event.type === 'epoch') {
            rows = [...rows.filter((r) => r.epoch !== event.epoch), epochRowOf(event)];
            if (!draw(false)) return;
          }
          subscriber.next(event);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (options.png === false || draw(true)) subscriber.complete();
        },
      });
    });
