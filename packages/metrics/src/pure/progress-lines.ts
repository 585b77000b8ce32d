import * as O from 'fp-ts/lib/Option.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { EpochProgress } from './epoch-progress.ts';
import { formatPercent, formatSeconds } from './format-figures.ts';
import { describeMemory } from './memory-figures.ts';
import type { TrainEvent } from './train-event.ts';

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

/** A line for each event that is not a step; steps are progress, not news. */
export const formatEventLine = (event: TrainEvent): O.Option<string> => {
  switch (event.type) {
    case 'run-started':
      return O.some(
        `run ${event.runId} started: backend ${event.backend} on ${event.device}, seed ${event.seed}, ${Object.entries(event.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      );
    case 'epoch':
      return O.some(
        [
          `epoch ${event.epoch} done in ${formatSeconds(event.seconds)} s (${formatRate(O.some(event.imagesPerSecond))} img/s)`,
          [`train loss ${event.trainLoss.toFixed(4)}`, `train error ${formatPercent(event.trainError)}`,
            ...optional('val loss', event.valLoss?.toFixed(4)), ...optional('val error', event.valError === undefined ? undefined : formatPercent(event.valError)),
            `lr ${event.lr}`].join(', '),
          `memory: ${describeMemory(event.memory)}`,
        ].join(' | '),
      );
    case 'checkpoint':
      return O.some(`checkpoint after epoch ${event.epoch}: ${event.path}`);
    case 'run-finished':
      return O.some(
        [`run finished: ${event.epochs} epochs in ${formatDuration(event.seconds)}`,
          ...optional('final validation error', event.finalValError === undefined ? undefined : formatPercent(event.finalValError)),
          ...optional('model', event.modelPath)].join(', '),
      );
    case 'run-failed':
      return O.some(`run failed: ${event.message}`);
    case 'step':
      return O.none;
  }
};
