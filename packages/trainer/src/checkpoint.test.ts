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
    expect(read).toEqual(E.left(`${path}: the checkpoint was cut short or changed after it was written (its checksum does not match): resume from an intact copy, or start again in a new --output-dir`));
  });

  it('refuses a file changed in any way after it was written: its settings, its position, one payload bit, a byte more', async () => {
    const path = join(dir, 'edited.ckpt');
    await writeCheckpoint(path, sample(4));
    const original = readFileSync(path);
    const text = original.toString('latin1');
    const edits: Record<string, Buffer> = {
      'a setting': Buffer.from(text.replace('"depth":3', '"depth":5'), 'latin1'),
      'the position': Buffer.from(text.replace('"epoch":4', '"epoch":7'), 'latin1'),
      'a payload bit': Buffer.from(original.map((b, i) => (i === original.length - 40 ? b ^ 1 : b))),
      'a byte more': Buffer.concat([original, Buffer.from([0])]),
    };
    for (const [what, bytes] of Object.entries(edits)) {
      expect(bytes.equals(original), what).toBe(false);
      writeFileSync(path, bytes);
      expect(await readCheckpoint(path)(), what).toEqual(E.left(expect.stringContaining('changed after it was written')));
    }
    writeFileSync(path, original);
    expect(E.isRight(await readCheckpoint(path)())).toBe(true);
  });

  it('still reads a format 1 checkpoint (payload checksum only), as earlier versions wrote them', async () => {
    const path = join(dir, 'v1.ckpt');
    await writeCheckpoint(path, sample(6));
    const v2 = readFileSync(path);
    const headerLength = v2.readUInt32LE(8);
    const header = JSON.parse(v2.toString('utf8', 12, 12 + headerLength)) as Record<string, unknown>;
    const headerBytes = Buffer.from(JSON.stringify({ ...header, formatVersion: 1 }), 'utf8');
    const start = 12 + headerLength + ((4 - ((12 + headerLength) % 4)) % 4);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(headerBytes.length);
    const padding = Buffer.alloc((4 - ((12 + headerBytes.length) % 4)) % 4, 0x20);
    writeFileSync(path, Buffer.concat([v2.subarray(0, 8), length, headerBytes, padding, v2.subarray(start, v2.length - 32)]));
    const read = await readCheckpoint(path)();
    expect(E.isRight(read) && read.right.meta.epoch).toBe(6);
  });

  it('refuses a file that is not a checkpoint, and a missing one', async () => {
    const path = join(dir, 'other.ckpt');
    writeFileSync(path, 'hello, this is not a checkpoint at all');
    expect(await readCheckpoint(path)()).toEqual(E.left(`${path}: not a checkpoint of this project (bad magic), so there is nothing to resume from; pass the --output-dir of the run to continue, or remove the file`));
    expect(await readCheckpoint(join(dir, 'absent.ckpt'))()).toEqual(E.left(expect.stringContaining('cannot read checkpoint')));
  });
});
