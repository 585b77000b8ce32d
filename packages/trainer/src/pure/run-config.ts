import * as t from 'io-ts';

/**
 * Everything that decides what a training run computes, as plain JSON: the run-started event
 * and every checkpoint carry it, and a resume refuses a checkpoint whose config differs.
 */
export const RunConfig = t.intersection([
  t.strict({
    depth: t.number,
    epochs: t.number,
    batchSize: t.number,
    schedule: t.string,
    momentum: t.number,
    weightDecay: t.number,
    shortcut: t.keyof({ 'identity-projection': null, 'zero-pad': null, conv: null }),
    padding: t.keyof({ mean: null, zero: null }),
    lastBatch: t.keyof({ wrap: null, drop: null, partial: null }),
    evalFreq: t.number,
    seed: t.number,
  }),
  t.partial({
    lr: t.number,
    trainRecords: t.number,
    valRecords: t.number,
    /** Gradient checkpointing (`blocks`) or none; unset is `none`. */
    recompute: t.keyof({ none: null, blocks: null }),
  }),
]);
export type RunConfig = t.TypeOf<typeof RunConfig>;

/** neon's cifar10_msra.py, n = 9 (ResNet-56). */
export const neonDefaults: RunConfig = {
  depth: 9,
  epochs: 180,
  batchSize: 128,
  schedule: 'step:90,135',
  momentum: 0.9,
  weightDecay: 1e-4,
  shortcut: 'identity-projection',
  padding: 'mean',
  lastBatch: 'wrap',
  evalFreq: 1,
  seed: 0,
};

/**
 * The fields a resumed run may change without changing what it computes. `recompute` trades
 * memory for time only: a step gives the same bits with it or without it.
 */
const resumable: ReadonlySet<string> = new Set(['epochs', 'evalFreq', 'valRecords', 'recompute']);

/** Names of the fields in which two configs differ in a way that would break an exact resume. */
export const incompatibleFields = (saved: RunConfig, now: RunConfig): readonly string[] => {
  const keys = new Set([...Object.keys(saved), ...Object.keys(now)]);
  return [...keys].filter(
    (key) => !resumable.has(key) && JSON.stringify(saved[key as keyof RunConfig]) !== JSON.stringify(now[key as keyof RunConfig]),
  );
};
