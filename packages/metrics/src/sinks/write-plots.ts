import * as E from 'fp-ts/lib/Either.js';
import { type MonoTypeOperatorFunction, Observable } from 'rxjs';
import { epochRowOf, type EpochRow } from '../pure/epoch-row.ts';
import type { TrainEvent } from '../pure/train-event.ts';
import { type ChartFileOptions, writeCharts } from './write-charts.ts';

/**
 * Passes events through and redraws the run's plots into `dir` after every epoch, so the
 * charts of a run in progress (or of one that crashed) are never more than an epoch old.
 * Earlier epochs (a resumed run's history) can be given so the charts start at epoch 0.
 */
export const writePlots = (
  dir: string,
  runName: string,
  options: ChartFileOptions & { readonly history?: ReadonlyArray<EpochRow> } = {},
): MonoTypeOperatorFunction<TrainEvent> =>
  (source) =>
    new Observable<TrainEvent>((subscriber) => {
      let rows: ReadonlyArray<EpochRow> = options.history ?? [];
      return source.subscribe({
        next: (event) => {
          if (event.type === 'epoch') {
            rows = [...rows.filter((r) => r.epoch !== event.epoch), epochRowOf(event)];
            const written = writeCharts(dir, [{ name: runName, rows }], options);
            if (E.isLeft(written)) {
              subscriber.error(new Error(written.left));
              return;
            }
          }
          subscriber.next(event);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
