import * as t from 'io-ts';
import { MemoryFigures } from './memory-figures.ts';
import { Count, RealNumber } from './real-number.ts';

/** Errors are fractions in 0..1 (0.0829 is 8.29 %); times in `step` are ms since the run began. */
export const RunStarted = t.strict({
  type: t.literal('run-started'),
  runId: t.string,
  /** Wall-clock start, ISO 8601. */
  time: t.string,
  config: t.UnknownRecord,
  backend: t.string,
  device: t.string,
  versions: t.record(t.string, t.string),
  seed: t.number,
});
export type RunStarted = t.TypeOf<typeof RunStarted>;

/** loss and batchError are optional: the loop reads the device once per epoch, not per step. */
export const StepDone = t.intersection([
  t.strict({
    type: t.literal('step'),
    epoch: Count,
    step: Count,
    stepsPerEpoch: Count,
    images: Count,
    lr: RealNumber,
    time: RealNumber,
  }),
  t.exact(t.partial({ loss: RealNumber, batchError: RealNumber })),
]);
export type StepDone = t.TypeOf<typeof StepDone>;

export const EpochDone = t.intersection([
  t.strict({
    type: t.literal('epoch'),
    epoch: Count,
    lr: RealNumber,
    trainLoss: RealNumber,
    trainError: RealNumber,
    seconds: RealNumber,
    imagesPerSecond: RealNumber,
    images: Count,
    memory: MemoryFigures,
  }),
  t.exact(t.partial({ valLoss: RealNumber, valError: RealNumber })),
]);
export type EpochDone = t.TypeOf<typeof EpochDone>;

export const CheckpointWritten = t.intersection([
  t.strict({
    type: t.literal('checkpoint'),
    epoch: Count,
    path: t.string,
  }),
  /** Steps of `epoch` done when it was written mid-epoch (a stop request); absent after a whole epoch. */
  t.exact(t.partial({ stepInEpoch: Count })),
]);
export type CheckpointWritten = t.TypeOf<typeof CheckpointWritten>;

export const RunFinished = t.intersection([
  t.strict({
    type: t.literal('run-finished'),
    epochs: Count,
    seconds: RealNumber,
  }),
  t.exact(t.partial({ finalValError: RealNumber, modelPath: t.string })),
]);
export type RunFinished = t.TypeOf<typeof RunFinished>;

export const RunFailed = t.strict({
  type: t.literal('run-failed'),
  message: t.string,
});
export type RunFailed = t.TypeOf<typeof RunFailed>;

/** Everything a training run reports, in the order it happens. */
export const TrainEvent = t.union([RunStarted, StepDone, EpochDone, CheckpointWritten, RunFinished, RunFailed]);
export type TrainEvent = t.TypeOf<typeof TrainEvent>;
export type TrainEventType = TrainEvent['type'];
/** The plain-JSON form of an event (what JSONL holds; counts are plain numbers). */
export type TrainEventJson = t.OutputOf<typeof TrainEvent>;

/** The member codec for each `type`, so decoding reports errors of one member, not all six. */
export const trainEventCodecs = {
  'run-started': RunStarted,
  step: StepDone,
  epoch: EpochDone,
  checkpoint: CheckpointWritten,
  'run-finished': RunFinished,
  'run-failed': RunFailed,
} as const;

export type EventOf<K extends TrainEventType> = Extract<TrainEvent, { readonly type: K }>;

/** Type guard for one kind of event, for `filter` and narrowing. */
export const isEvent =
  <K extends TrainEventType>(type: K) =>
  (event: TrainEvent): event is EventOf<K> =>
    event.type === type;
