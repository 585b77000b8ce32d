import type { RunConfig } from '@resnet-cifar/trainer';
import type { Options } from '@resnet-cifar/cli-options';
import type { trainOptionSpec } from './options.ts';

export type TrainOptions = Options<typeof trainOptionSpec>;

/** The part of the options that decides what is computed, and how (paths, backend and threads do not). */
export const runConfigOf = (o: TrainOptions): RunConfig => ({
  depth: o.depth,
  epochs: o.epochs,
  batchSize: o.batchSize,
  schedule: o.schedule,
  momentum: o.momentum,
  weightDecay: o.weightDecay,
  shortcut: o.shortcut,
  padding: o.padding,
  lastBatch: o.lastBatch,
  evalFreq: o.evalFreq,
  seed: o.seed,
  recompute: o.recompute,
  ...(o.lr === undefined ? {} : { lr: o.lr }),
  ...(o.trainRecords === undefined ? {} : { trainRecords: o.trainRecords }),
  ...(o.valRecords === undefined ? {} : { valRecords: o.valRecords }),
});
