import cliProgress from 'cli-progress';
import * as O from 'fp-ts/lib/Option.js';
import {
  asyncScheduler, connect, filter, ignoreElements, map, merge, type MonoTypeOperatorFunction, type Observable,
  sampleTime, type SchedulerLike, tap,
} from 'rxjs';
import { epochProgress } from '../operators/epoch-progress.ts';
import type { EpochProgress } from '../pure/epoch-progress.ts';
import { formatEventLine, formatProgressLine } from '../pure/progress-lines.ts';
import type { TrainEvent } from '../pure/train-event.ts';
import { progressBar, type TerminalOutput } from './progress-bar.ts';

/** Where progress goes: process.stderr, or anything with `write` in a test. */
export interface ProgressOutput {
  readonly write: (text: string) => unknown;
  readonly columns?: number;
}

export interface ConsoleProgressOptions {
  readonly output: ProgressOutput;
  /** A redrawn bar on a terminal; plain lines otherwise (CI, log files). Pass `stream.isTTY === true`. */
  readonly isTTY: boolean;
  /** Without a terminal, at most one progress line per this many ms (default 10 s). */
  readonly periodMs?: number;
  readonly scheduler?: SchedulerLike;
}

const eventLines = (events: Observable<TrainEvent>, output: ProgressOutput) =>
  events.pipe(
    map(formatEventLine),
    filter(O.isSome),
    tap((line) => output.write(`${line.value}\n`)),
  );

/** The latest progress at each period's end, if it moved; an epoch's end clears it, so no stale line follows. */
const plainLines = (events: Observable<TrainEvent>, options: ConsoleProgressOptions) =>
  merge(events.pipe(epochProgress()), events.pipe(filter((e) => e.type === 'epoch'), map(() => undefined))).pipe(
    sampleTime(options.periodMs ?? 10_000, options.scheduler ?? asyncScheduler),
    filter((p): p is EpochProgress => p !== undefined),
    tap((p) => options.output.write(`${formatProgressLine(p)}\n`)),
  );

/** Wraps rather than spreads: a stream's `write` and `columns` live on its prototype. */
const terminalOf = (output: ProgressOutput): TerminalOutput => ({
  write: (text: string) => output.write(text),
  isTTY: true,
  get columns() {
    return output.columns;
  },
});

/**
 * Shows a run's progress and passes its events through: a live bar per epoch (steps,
 * images/s, running loss and error, ETA) on a terminal, one plain line per period otherwise,
 * and one line for every event that is not a step.
 */
export const consoleProgress = (options: ConsoleProgressOptions): MonoTypeOperatorFunction<TrainEvent> =>
  connect((events: Observable<TrainEvent>) => {
    const display: Observable<unknown> = options.isTTY
      ? progressBar(events, terminalOf(options.output), cliProgress.SingleBar)
      : merge(plainLines(events, options), eventLines(events, options.output));
    return merge(events, display.pipe(ignoreElements()));
  });
