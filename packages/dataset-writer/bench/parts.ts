/**
 * The whole write's parts, each timed alone on one thread, to show what the overlapped pipeline
 * is bounded by: the disk (write + fsync), hashing (sha256 of the source and of the output, the
 * largest CPU cost), and reading from the page cache.
 */
import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
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

/**
 * Writes the repository's two image files' worth (the train files, then the test file), every
 * file's chunks issued at once with one fdatasync kept in flight, as the writer does; then fsync.
 */
const writeAndSync = async (parent: string, files: ReadonlyArray<Uint8Array>): Promise<void> => {
  const dir = join(parent, `parts-${runs++}`);
  await mkdir(dir);
  for (const [name, chunks] of [['train', files.slice(0, -1)], ['test', files.slice(-1)]] as const) {
    const handle = await open(join(dir, name), 'wx');
    let syncing: Promise<void> | undefined;
    const starts = chunks.map((_, i) => chunks.slice(0, i).reduce((n, chunk) => n + chunk.length, 0));
    await Promise.all(
      chunks.map(async (chunk, i) => {
        for (let done = 0; done < chunk.length; ) done += (await handle.write(chunk, done, chunk.length - done, starts[i]! + done)).bytesWritten;
        syncing ??= handle.datasync().then(() => void (syncing = undefined));
      }),
    );
    await syncing;
    await handle.sync();
    await handle.close();
  }
};

/** `batches` are the source files (a folder: `label` is the path); `dir` a scratch folder. */
export const parts = (batches: ReadonlyArray<SourceBatch>, dir: string): ReadonlyArray<Part> => {
  const buffers = batches.map((batch) => new Uint8Array(batch.bytes.length).fill(1));
  const sha256 = (all: ReadonlyArray<Uint8Array>) => all.forEach((bytes) => createHash('sha256').update(bytes).digest());
  return [
    ['read the files (page cache, into buffers touched before)', () => readAll(batches, buffers)],
    ['sha256 of the source and of the output (2 x 178 MB)', async () => sha256([...batches.map((batch) => batch.bytes), ...buffers])],
    ['write 178 MB with early fdatasyncs, then fsync (disk)', () => writeAndSync(dir, buffers)],
  ];
};
