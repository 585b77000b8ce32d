/**
 * The whole write's parts, each timed alone on one thread, to show what the overlapped pipeline
 * is bounded by: the disk (write + fsync), hashing (sha256 of the source and of the output, the
 * largest CPU cost), and reading from the page cache.
 */
import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { createDurableFile } from '../src/durable-write.ts';
import type { SourceBatch } from '../src/pure/source-files.ts';

export type Part = readonly [name: string, work: () => Promise<void>];

const readAll = async (batches: ReadonlyArray<SourceBatch>, buffers: ReadonlyArray<Uint8Array>): Promise<void> => {
  for (const [i, batch] of batches.entries()) {
    const handle = await open(batch.label, 'r');
    for (let done = 0; done < batch.bytes.length; ) done += (await handle.read(buffers[i]!, done, batch.bytes.length - done, done)).bytesRead;
    await handle.close();
  }
};

// A new folder per run: deleting the previous one here would time the discard mount's TRIMs too.
let runs = 0;

const SLICE = 1024 * 3072;

/**
 * The writer's own write path alone: the repository's two image files' worth (the train files,
 * then the test file) handed to `createDurableFile` in 3 MB slices, one after the other (early
 * fdatasyncs), then `finish` (fsync).
 */
const writeAndSync = async (parent: string, files: ReadonlyArray<Uint8Array>): Promise<void> => {
  const dir = join(parent, `parts-${runs++}`);
  await mkdir(dir);
  for (const [name, sources] of [['train', files.slice(0, -1)], ['test', files.slice(-1)]] as const) {
    const file = await createDurableFile(join(dir, name));
    let at = 0;
    for (const bytes of sources) {
      // One slice after the other, as the transposition hands them over (all at once contends on the inode lock).
      for (let from = 0; from < bytes.length; from += SLICE) await file.write(bytes.subarray(from, from + SLICE), at + from);
      at += bytes.length;
    }
    await file.finish();
  }
};

/** `batches` are the source files (a folder: `label` is the path); `dir` a scratch folder. */
export const parts = (batches: ReadonlyArray<SourceBatch>, dir: string): ReadonlyArray<Part> => {
  const buffers = batches.map((batch) => new Uint8Array(batch.bytes.length).fill(1));
  const sha256 = (all: ReadonlyArray<Uint8Array>) => all.forEach((bytes) => createHash('sha256').update(bytes).digest());
  return [
    ['read the files (page cache, into buffers touched before)', () => readAll(batches, buffers)],
    ['sha256 of the source and of the output (2 x 178 MB)', async () => sha256([...batches.map((batch) => batch.bytes), ...buffers])],
    ['write 178 MB by the writer\'s durable files (early fdatasyncs, fsync)', () => writeAndSync(dir, buffers)],
  ];
};
