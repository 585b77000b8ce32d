import type cliProgress from 'cli-progress';
import * as O from 'fp-ts/lib/Option.js';
import { pipe } from 'fp-ts/lib/function.js';
import { finalize, Observable, tap } from 'rxjs';
import { advanceProgress, type ProgressState } from '../pure/epoch-progress.ts';
import { etaSeconds, formatDuration, formatEventLine, formatLoss, formatRate } from '../pure/progress-lines.ts';
import { formatPercent } from '../pure/format-figures.ts';
import type { TrainEvent } from '../pure/train-event.ts';

/** What cli-progress needs of a terminal: it moves the cursor with escape codes written to it. */
export interface TerminalOutput {
  readonly write: (text: string) => unknown;
  readonly isTTY: true;
  readonly columns?: number;
}

const format =
  'epoch {epoch} [{bar}] {value}/{total} | {rate} img/s | loss {loss} | error {error} | ETA {eta_text}';

const payloadOf = (state: ProgressState) => {
  const p = state.progress;
  return {
    epoch: p.epoch,
    rate: formatRate(p.imagesPerSecond),
    loss: formatLoss(p.loss),
    error: O.getOrElse(() => '—')(pipe(p.error, O.map(formatPercent))),
    eta_text: O.getOrElse(() => '—')(pipe(etaSeconds(p), O.map(formatDuration))),
  };
};

/**
 * One cli-progress bar per epoch, redrawn as steps arrive; event lines are printed between
 * bars. ETA is ours (from images/s), not the bar's, which would count late read-backs as speed.
 */
export const progressBar = (
  events: Observable<TrainEvent>,
  terminal: TerminalOutput,
  SingleBar: typeof cliProgress.SingleBar,
): Observable<TrainEvent> =>
  new Observable<TrainEvent>((subscriber) => {
    let bar: cliProgress.SingleBar | undefined;
    let state: ProgressState | undefined;
    const stop = () => {
      bar?.stop();
      bar = undefined;
    };
    const onEvent = (event: TrainEvent) => {
      if (event.type === 'step') {
        const epochChanged = state?.progress.epoch !== event.epoch;
        state = advanceProgress(state, event);
        if (epochChanged) stop();
        if (bar === undefined) {
          bar = new SingleBar({ stream: terminal as unknown as NodeJS.WritableStream, format, hideCursor: false, fps: 5 });
          bar.start(event.stepsPerEpoch, state.progress.steps, payloadOf(state));
        } else bar.update(state.progress.steps, payloadOf(state));
        return;
      }
      stop();
      O.map((line: string) => terminal.write(`${line}\n`))(formatEventLine(event));
    };
    return events.pipe(tap(onEvent), finalize(stop)).subscribe(subscriber);
  });
