import * as t from 'io-ts';
import { Count, RealNumber } from './real-number.ts';
import type { EpochDone } from './train-event.ts';

/** One epoch's figures, flat, as the CSV holds them (errors as fractions, memory in bytes). */
export const EpochRow = t.intersection([
  t.strict({
    epoch: Count,
    lr: RealNumber,
    trainLoss: RealNumber,
    trainError: RealNumber,
    seconds: RealNumber,
    imagesPerSecond: RealNumber,
    images: Count,
    tfjsTensors: Count,
    tfjsBytes: Count,
    rssBytes: Count,
  }),
  t.exact(t.partial({ valLoss: RealNumber, valError: RealNumber, gpuBytes: Count })),
]);
export type EpochRow = t.TypeOf<typeof EpochRow>;

/** Column order of the CSV; optional figures are empty cells when not measured. */
export const epochColumns = [
  'epoch',
  'lr',
  'trainLoss',
  'trainError',
  'valLoss',
  'valError',
  'seconds',
  'imagesPerSecond',
  'images',
  'tfjsTensors',
  'tfjsBytes',
  'rssBytes',
  'gpuBytes',
] as const;
export type EpochColumn = (typeof epochColumns)[number];

const defined = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

export const epochRowOf = (event: EpochDone): EpochRow => ({
  epoch: event.epoch,
  lr: event.lr,
  trainLoss: event.trainLoss,
  trainError: event.trainError,
  seconds: event.seconds,
  imagesPerSecond: event.imagesPerSecond,
  images: event.images,
  tfjsTensors: event.memory.tfjsTensors,
  tfjsBytes: event.memory.tfjsBytes,
  rssBytes: event.memory.rssBytes,
  ...defined('valLoss', event.valLoss),
  ...defined('valError', event.valError),
  ...defined('gpuBytes', event.memory.gpuBytes),
});
