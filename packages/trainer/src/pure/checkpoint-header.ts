import * as t from 'io-ts';

/** Where one named float32 array sits in a checkpoint's payload (offsets in floats). */
export const TensorEntry = t.strict({ name: t.string, shape: t.array(t.number), offset: t.number, length: t.number });
export type TensorEntry = t.TypeOf<typeof TensorEntry>;

/** The training position and everything a resumed run needs besides the arrays. */
export const CheckpointMeta = t.strict({
  /** The epoch to continue with, and how many of its steps are already done. */
  epoch: t.number,
  stepInEpoch: t.number,
  seed: t.number,
  optimizerStep: t.number,
  config: t.UnknownRecord,
  /** The epoch events so far, so that logs, plots and tables survive a resume. */
  history: t.array(t.unknown),
});
export type CheckpointMeta = t.TypeOf<typeof CheckpointMeta>;

export const CheckpointHeader = t.strict({
  formatVersion: t.literal(1),
  meta: CheckpointMeta,
  tensors: t.array(TensorEntry),
  /** sha256 of the payload, so a torn or corrupted file is refused instead of half-loaded. */
  payloadSha256: t.string,
});
export type CheckpointHeader = t.TypeOf<typeof CheckpointHeader>;

export const CHECKPOINT_MAGIC = 'RNCKPT01';
