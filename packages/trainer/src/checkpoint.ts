import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PathReporter } from 'io-ts/PathReporter';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { CHECKPOINT_MAGIC, CheckpointHeader, type CheckpointMeta, type TensorEntry } from './pure/checkpoint-header.ts';

export interface Checkpoint {
  readonly meta: CheckpointMeta;
  /** Named float32 arrays: model variables as `model/<name>`, optimizer state as `velocity/<name>`. */
  readonly arrays: ReadonlyMap<string, { readonly shape: readonly number[]; readonly values: Float32Array }>;
}

const layout = (arrays: Checkpoint['arrays']): { entries: TensorEntry[]; floats: number } => {
  let offset = 0;
  const entries = [...arrays].map(([name, { shape, values }]) => {
    const entry = { name, shape: [...shape], offset, length: values.length };
    offset += values.length;
    return entry;
  });
  return { entries, floats: offset };
};

const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();
const TRAILER = 32;

/** magic, header length, header JSON, padding, payload, then the SHA-256 of all that (format 2). */
const encode = (checkpoint: Checkpoint): Buffer => {
  const { entries, floats } = layout(checkpoint.arrays);
  const payload = new Float32Array(floats);
  for (const entry of entries) payload.set(checkpoint.arrays.get(entry.name)?.values ?? [], entry.offset);
  const payloadBytes = Buffer.from(payload.buffer);
  const header: CheckpointHeader = {
    formatVersion: 2,
    meta: checkpoint.meta,
    tensors: entries,
    payloadSha256: sha256(payloadBytes).toString('hex'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  // The payload starts on a 4-byte boundary so it can be viewed as float32 without copying.
  const padding = Buffer.alloc((4 - ((8 + 4 + headerBytes.length) % 4)) % 4, 0x20);
  const body = Buffer.concat([Buffer.from(CHECKPOINT_MAGIC, 'ascii'), length, headerBytes, padding, payloadBytes]);
  return Buffer.concat([body, sha256(body)]);
};

/**
 * Writes atomically: a temporary file beside the target, fsync, rename over the old one, fsync
 * the folder. A crash at any point leaves the previous checkpoint or the new one, never a torn file.
 */
export const writeCheckpoint = async (path: string, checkpoint: Checkpoint): Promise<void> => {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(encode(checkpoint));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
    const folder = await open(dirname(path), 'r');
    await folder.sync().finally(() => folder.close());
  } catch (error) {
    await rm(temporary, { force: true });
    // Node's ENOSPC from a write names no file; the user needs to know which disk filled up.
    throw new Error(`${path}: cannot write the checkpoint (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
};

const changed = (path: string): string =>
  `${path}: the checkpoint was cut short or changed after it was written (its checksum does not match): resume from an intact copy, or start again in a new --output-dir`;

// The whole file is checked before its header is believed; format 1 files checked their payload only.
const decode = (path: string, bytes: Buffer): E.Either<string, Checkpoint> => {
  if (bytes.length < 12 || bytes.toString('ascii', 0, 8) !== CHECKPOINT_MAGIC) {
    return E.left(`${path}: not a checkpoint of this project (bad magic), so there is nothing to resume from; pass the --output-dir of the run to continue, or remove the file`);
  }
  const wholeFileIntact = bytes.length > 12 + TRAILER && sha256(bytes.subarray(0, bytes.length - TRAILER)).equals(bytes.subarray(bytes.length - TRAILER));
  const headerLength = bytes.readUInt32LE(8);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength));
  } catch {
    return E.left(wholeFileIntact ? `${path}: the checkpoint header is not valid JSON` : changed(path));
  }
  const header = CheckpointHeader.decode(json);
  if (E.isLeft(header)) return E.left(wholeFileIntact ? `${path}: bad checkpoint header: ${PathReporter.report(header)[0]}` : changed(path));
  if (header.right.formatVersion === 2 && !wholeFileIntact) return E.left(changed(path));
  const start = 12 + headerLength + ((4 - ((12 + headerLength) % 4)) % 4);
  const payload = bytes.subarray(start, header.right.formatVersion === 2 ? bytes.length - TRAILER : bytes.length);
  if (sha256(payload).toString('hex') !== header.right.payloadSha256) return E.left(changed(path));
  const floats = new Float32Array(payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.length));
  const arrays = new Map(
    header.right.tensors.map((e) => [e.name, { shape: e.shape, values: floats.slice(e.offset, e.offset + e.length) }]),
  );
  return E.right({ meta: header.right.meta, arrays });
};

export const readCheckpoint =
  (path: string): TE.TaskEither<string, Checkpoint> =>
  async () => {
    try {
      return decode(path, await readFile(path));
    } catch (error) {
      return E.left(`${path}: cannot read checkpoint (${(error as Error).message})`);
    }
  };
