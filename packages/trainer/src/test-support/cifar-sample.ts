import { openSync, readSync, closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Split } from '@resnet-cifar/loader';

export const CIFAR_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data/cifar10');

const RECORD = 3073;

/** The first `count` records of a real CIFAR-10 .bin file as an NHWC split, with their own channel mean. */
export const cifarSample = (count: number, file = 'data_batch_1.bin'): Split => {
  const bytes = Buffer.alloc(count * RECORD);
  const fd = openSync(resolve(CIFAR_DIR, file), 'r');
  readSync(fd, bytes, 0, bytes.length, 0);
  closeSync(fd);
  const images = new Uint8Array(count * 3072);
  const labels = new Uint8Array(count);
  const sums = [0, 0, 0];
  for (let i = 0; i < count; i += 1) {
    labels[i] = bytes[i * RECORD] ?? 0;
    for (let c = 0; c < 3; c += 1) {
      for (let p = 0; p < 1024; p += 1) {
        const value = bytes[i * RECORD + 1 + c * 1024 + p] ?? 0;
        images[i * 3072 + p * 3 + c] = value;
        sums[c] = (sums[c] ?? 0) + value;
      }
    }
  }
  const mean = sums.map((s) => s / (count * 1024)) as [number, number, number];
  return { images, labels, count, mean };
};
