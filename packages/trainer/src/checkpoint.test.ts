import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoint.ts';

const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seed = Date.now() % 100_000;
console.log(`checkpoint test seed ${seed}`);
const values = (n: number, offset: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed + offset + i * 0.37));

const sample = (epoch: number): Checkpoint => ({
  meta: { epoch, stepInEpoch: 3, seed: 7, optimizerStep: 42, config: { depth: 3 }, history: [{ type: 'epoch', epoch: 0 }] },
  arrays: new Map([
    ['model/stem/conv/weights', { shape: [3, 3, 3, 16], values: values(432, 1) }],
    ['velocity/stem/conv/weights', { shape: [3, 3, 3, 16], values: values(432, 2) }],
    ['model/head/bn/gamma', { shape: [10], values: values(10, 3) }],
  ]),
});

describe('checkpoint file', () => {
  it('round-trips metadata and every array bit for bit', async () => {
    const path = join(dir, 'round-trip.ckpt');
    const written = sample(5);
    await writeCheckpoint(path, written);
    const read = await readCheckpoint(path)();
    expect(E.isRight(read)).toBe(true);
    if (E.isLeft(read)) return;
    expect(read.right.meta).toEqual(written.meta);
    for (const [name, array] of written.arrays) {
      expect(read.right.arrays.get(name)?.shape).toEqual(array.shape);
      expect(Buffer.from(read.right.arrays.get(name)?.values.buffer ?? new ArrayBuffer(0))).toEqual(Buffer.from(array.values.buffer));
    }
  });

  it('replaces the previous checkpoint and leaves no temporary file behind', async () => {
    const path = join(dir, 'replace.ckpt');
    await writeCheckpoint(path, sample(1));
    await writeCheckpoint(path, sample(2));
    const read = await readCheckpoint(path)();
    expect(E.isRight(read) && read.right.meta.epoch).toBe(2);
    expect(readdirSync(dir).filter((f) => f.startsWith('replace.ckpt'))).toEqual(['replace.ckpt']);
  });

  it('refuses a truncated file with a message that names it', async () => {
    const path = join(dir, 'torn.ckpt');
    await writeCheckpoint(path, sample(3));
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    const read = await readCheckpoint(path)();
    expect(read).toEqual(E.left(expect.stringContaining(`${path}: checkpoint payload fails its checksum`)));
  });

  it('refuses a file that is not a checkpoint, and a missing one', async () => {
    const path = join(dir, 'other.ckpt');
    writeFileSync(path, 'hello, this is not a checkpoint at all');
    expect(await readCheckpoint(path)()).toEqual(E.left(`${path}: not a checkpoint of this project (bad magic), so there is nothing to resume from; pass the --output-dir of the run to continue, or remove the file`));
    expect(await readCheckpoint(join(dir, 'absent.ckpt'))()).toEqual(E.left(expect.stringContaining('cannot read checkpoint')));
  });
});
