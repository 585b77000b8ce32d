import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMAGE_BYTES, type Split } from '../pure/split.ts';

/** Where tests and benchmarks find the real CIFAR-10 (read-only, beside the repository). */
export const CIFAR_DIR = path.resolve(
  fileURLToPath(new URL('../../../..', import.meta.url)),
  '../shared/data/cifar10',
);
export const TRAIN_FILES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const TEST_FILES = ['test_batch.bin'];

const RECORD = 1 + IMAGE_BYTES;
const PLANE = 1024;

/** Per-channel mean over uint8 NHWC images, in float64 (neon's definition of the training mean). */
export const channelMean = (images: Uint8Array): [number, number, number] => {
  const sums = [0, 0, 0];
  for (let i = 0; i < images.length; i++) sums[i % 3]! += images[i] as number;
  const n = images.length / 3;
  return [sums[0]! / n, sums[1]! / n, sums[2]! / n];
};

/**
 * Reads original-format CIFAR-10 .bin files (label byte + R, G, B planes) into an NHWC split:
 * the test-side stand-in for the dataset writer's repository.
 */
export const readCifarBins = async (
  files: readonly string[],
  mean?: readonly [number, number, number],
): Promise<Split> => {
  const raw = await Promise.all(files.map((f) => readFile(path.join(CIFAR_DIR, f))));
  const count = raw.reduce((n, b) => n + b.length / RECORD, 0);
  const images = new Uint8Array(count * IMAGE_BYTES);
  const labels = new Uint8Array(count);
  let i = 0;
  for (const buf of raw) {
    for (let r = 0; r < buf.length; r += RECORD, i++) {
      labels[i] = buf[r] as number;
      const o = i * IMAGE_BYTES;
      for (let p = 0; p < PLANE; p++) {
        images[o + p * 3] = buf[r + 1 + p] as number;
        images[o + p * 3 + 1] = buf[r + 1 + PLANE + p] as number;
        images[o + p * 3 + 2] = buf[r + 1 + 2 * PLANE + p] as number;
      }
    }
  }
  return { images, labels, count, mean: mean ?? channelMean(images) };
};
