import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RECORD_BYTES } from './pure/record-format.ts';
import { plainTransposer, wasmTransposer } from './pure/transposer.ts';
import type { Sums, Transposer } from './pure/transposer.ts';
import { randomRecords, referenceNhwc } from './test-support/fixtures.ts';
import { testSeed } from '@resnet-cifar/test-support';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/cifar10');

/** Fills a transposer of `count` images from `files` in turn; returns it with its channel sums. */
const fill = (make: (count: number) => Transposer | undefined, files: ReadonlyArray<Uint8Array>) => {
  const count = files.reduce((n, file) => n + file.length / RECORD_BYTES, 0);
  const transposer = make(count);
  if (transposer === undefined) throw new Error('no wasm SIMD here: the fast path would go untested');
  const sums: Sums = [0, 0, 0];
  let at = 0;
  for (const file of files) {
    transposer.transpose(file, at, sums);
    at += file.length / RECORD_BYTES;
  }
  return { images: transposer.images, sums, kind: transposer.kind };
};

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

describe('wasm SIMD transposition', () => {
  it('runs here (Node has WebAssembly SIMD), so the writer takes it', () => {
    expect(wasmTransposer(1)?.kind).toBe('wasm');
  });

  it('matches the plain path and the byte-by-byte reference on random records across 512-record chunks and files', () => {
    const seed = testSeed('wasm transpose');
    const files = [randomRecords(seed, 700), randomRecords(seed + 1, 1), randomRecords(seed + 2, 513)];
    const wasm = fill(wasmTransposer, files);
    const plain = fill(plainTransposer, files);
    expect(wasm.kind).toBe('wasm');
    expect(same(wasm.images, plain.images)).toBe(true);
    expect(same(wasm.images, referenceNhwc(new Uint8Array(Buffer.concat(files))))).toBe(true);
    expect(wasm.sums).toEqual(plain.sums);
  });

  it('transposes records read into its own memory in place, as it does copies (a record straddling a 512-record call)', () => {
    const seed = testSeed('wasm in place');
    const records = randomRecords(seed, 600);
    const inPlace = wasmTransposer(600, records.length + 5);
    if (inPlace?.input === undefined) throw new Error('no input room');
    // At an odd offset, as a piece of a file would be.
    const placed = inPlace.input.subarray(5, 5 + records.length);
    placed.set(records);
    const sums: Sums = [0, 0, 0];
    inPlace.transpose(placed, 0, sums);
    const copied = fill(plainTransposer, [records]);
    expect(same(inPlace.images, copied.images)).toBe(true);
    expect(sums).toEqual(copied.sums);
  });

  it('sums saturated records exactly (every pixel 255, 512 records in one call)', () => {
    const records = new Uint8Array(512 * RECORD_BYTES).fill(255);
    for (let n = 0; n < 512; n++) records[n * RECORD_BYTES] = n % 10;
    expect(fill(wasmTransposer, [records]).sums).toEqual([512 * 1024 * 255, 512 * 1024 * 255, 512 * 1024 * 255]);
  });

  it('matches the plain path on a real CIFAR-10 batch file', async () => {
    const file = new Uint8Array(await readFile(resolve(DATA, 'test_batch.bin')));
    const wasm = fill(wasmTransposer, [file]);
    const plain = fill(plainTransposer, [file]);
    expect(same(wasm.images, plain.images)).toBe(true);
    expect(wasm.sums).toEqual(plain.sums);
  });
});
