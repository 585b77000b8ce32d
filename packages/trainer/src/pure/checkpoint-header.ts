import * as t from 'io-ts';

/** Where one named float32 array sits in a checkpoint's payload (offsets in floats). */
export const TensorEntry = t.strict({ name: t.string, shape: t.array(t.number), offset: t.number, length: t.number });
export type TensorEntry = t.TypeOf<typeof TensorEntry>;

/** The sums of an epoch stopped mid-way, so that its row after a resume is the uninterrupted one. */
export const EpochSoFar = t.strict({ lossSum: t.number, errors: t.number, count: t.number, seconds: t.number });
export type EpochSoFar = t.TypeOf<typeof EpochSoFar>;

/** The training position and everything a resumed run needs besides the arrays. */
export const CheckpointMeta = t.intersection([
  t.strict({
    /** The epoch to continue with, and how many of its steps are already done. */
    epoch: t.number,
    stepInEpoch: t.number,
    seed: t.number,
    optimizerStep: t.number,
    config: t.UnknownRecord,
    /** The epoch events so far, so that logs, plots and tables survive a resume. */
    history: t.array(t.unknown),
  }),
  t.exact(
    t.partial({
      /** Present when the checkpoint was written mid-epoch (stepInEpoch > 0). */
      epochSoFar: EpochSoFar,
      /** What the app that wrote it needs to continue (its settings, the length of its logs); opaque here. */
      app: t.UnknownRecord,
    }),
  ),
]);
export type CheckpointMeta = t.TypeOf<typeof CheckpointMeta>;

export const CheckpointHeader = t.strict({
  /** 1: only the payload is checksummed; 2: the whole file is (a SHA-256 trailer). */
  formatVersion: t.union([t.literal(1), t.literal(2)]),
  meta: CheckpointMeta,
  tensors: t.array(TensorEntry),
  /** sha256 of the payload, so a torn or corrupted file is refused instead of half-loaded. */
  payloadSha256: t.string,
});
export type CheckpointHeader = t.TypeOf<typeof CheckpointHeader>;

export const CHECKPOINT_MAGIC = 'RNCKPT01';
