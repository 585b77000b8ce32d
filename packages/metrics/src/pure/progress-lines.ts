import * as O from 'fp-ts/lib/Option.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { EpochProgress } from './epoch-progress.ts';
import { formatPercent, formatSeconds } from './format-figures.ts';
import { describeMemory } from './memory-figures.ts';
import type { EventOf, TrainEvent } from './train-event.ts';

const orDash = (value: O.Option<string>): string => O.getOrElse(() => '—')(value);

/** 75 -> "1m15s"; what a person wants from an ETA is minutes, not decimals. */
export const formatDuration = (seconds: number): string => {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

/** Seconds left in the epoch at the current rate, from the images a step has carried so far. */
export const etaSeconds = (p: EpochProgress): O.Option<number> =>
  pipe(
    p.imagesPerSecond,
    O.filter(() => p.steps > 0),
    O.map((rate) => ((p.stepsPerEpoch - p.steps) * (p.images / p.steps)) / rate),
  );

export const formatRate = (rate: O.Option<number>): string =>
  orDash(pipe(rate, O.map((r) => (r >= 100 ? r.toFixed(0) : r.toFixed(1)))));

export const formatLoss = (loss: O.Option<number>): string => orDash(pipe(loss, O.map((l) => l.toFixed(4))));

/** One plain line of epoch progress, for logs where a redrawn bar would be noise. */
export const formatProgressLine = (p: EpochProgress): string =>
  [
    `epoch ${p.epoch} step ${p.steps}/${p.stepsPerEpoch} (${Math.floor((100 * p.steps) / Math.max(1, p.stepsPerEpoch))} %)`,
    `${formatRate(p.imagesPerSecond)} img/s`,
    `loss ${formatLoss(p.loss)}`,
    `error ${orDash(pipe(p.error, O.map(formatPercent)))}`,
    `lr ${p.lr}`,
    `ETA ${orDash(pipe(etaSeconds(p), O.map(formatDuration)))}`,
  ].join(' | ');

const optional = (label: string, value: string | undefined): ReadonlyArray<string> =>
  value === undefined ? [] : [`${label} ${value}`];

const percentOrNone = (fraction: number | undefined): string | undefined =>
  fraction === undefined ? undefined : formatPercent(fraction);

const runStartedLine = (e: EventOf<'run-started'>): string => {
  const versions = Object.entries(e.versions).map(([name, version]) => `${name} ${version}`);
  return [`run ${e.runId} started: backend ${e.backend} on ${e.device}`, `seed ${e.seed}`, ...versions].join(', ');
};

const epochLine = (e: EventOf<'epoch'>): string => {
  const figures = [
    `train loss ${e.trainLoss.toFixed(4)}`,
    `train error ${formatPercent(e.trainError)}`,
    ...optional('val loss', e.valLoss?.toFixed(4)),
    ...optional('val error', percentOrNone(e.valError)),
    `lr ${e.lr}`,
  ];
  const took = `epoch ${e.epoch} done in ${formatSeconds(e.seconds)} s (${formatRate(O.some(e.imagesPerSecond))} img/s)`;
  return [took, figures.join(', '), `memory: ${describeMemory(e.memory)}`].join(' | ');
};

const finishedLine = (e: EventOf<'run-finished'>): string =>
  [
    `run finished: ${e.epochs} epochs in ${formatDuration(e.seconds)}`,
    ...optional('final validation error', percentOrNone(e.finalValError)),
    ...optional('model', e.modelPath),
  ].join(', ');

/** A line for each event that is not a step; steps are progress, not news. */
export const formatEventLine = (event: TrainEvent): O.Option<string> => {
  switch (event.type) {
    case 'run-started':
      return O.some(runStartedLine(event));
    case 'epoch':
      return O.some(epochLine(event));
    case 'checkpoint':
      return O.some(
        event.stepInEpoch === undefined
          ? `checkpoint after epoch ${event.epoch}: ${event.path}`
          : `checkpoint at epoch ${event.epoch}, step ${event.stepInEpoch}: ${event.path}`,
      );
    case 'run-finished':
      return O.some(finishedLine(event));
    case 'run-failed':
      return O.some(`run failed: ${event.message}`);
    case 'step':
      return O.none;
  }
};
