/**
 * Augmented training images per second over full passes of the 48,000 real CIFAR-10 training
 * images, on the main thread and on worker threads, with the loader's peak extra memory.
 * Run: npx tsx packages/loader/bench/throughput.ts [runs=5]   (from the repository root)
 */
import os from 'node:os';
import { epochBatchIterator } from '../src/index.ts';
import { readCifarBins, TRAIN_FILES } from '../src/test-support/cifar-bin.ts';
import type { Split } from '../src/pure/split.ts';

const runs = Number(process.argv[2] ?? 5);
const MB = 1024 * 1024;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One full pass; the consumer reads one value per batch, as a training step would read all. */
const pass = async (split: Split, workers: number, epoch: number) => {
  const t0 = performance.now();
  let images = 0;
  let peakRss = process.memoryUsage().rss;
  let checksum = 0;
  for await (const b of epochBatchIterator(split, { seed: 1, epoch, mode: 'train', workers })) {
    images += b.size;
    checksum += b.images[b.step % b.images.length]!;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { rate: images / seconds, seconds, peakRss, checksum };
};

/** The floor any loader pays: one uint8 -> float32 minus-mean pass over every image, no augmentation. */
const plainLoop = (split: Split): number => {
  const out = new Float32Array(128 * 3072);
  const [m0, m1, m2] = split.mean;
  const t0 = performance.now();
  for (let i = 0; i < split.count; i++) {
    const base = i * 3072;
    const o = (i % 128) * 3072;
    for (let p = 0; p < 3072; p += 3) {
      out[o + p] = split.images[base + p]! - m0;
      out[o + p + 1] = split.images[base + p + 1]! - m1;
      out[o + p + 2] = split.images[base + p + 2]! - m2;
    }
  }
  return split.count / ((performance.now() - t0) / 1000);
};

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
console.log(`machine: ${cpu} x${os.cpus().length}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, node ${process.version}`);
console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share these cores)`);
const split = await readCifarBins(TRAIN_FILES);
(globalThis as { gc?: () => void }).gc?.();
const baseRss = process.memoryUsage().rss;
console.log(`data: ${split.count} training images (${Math.round(split.images.byteLength / MB)} MB), rss ${Math.round(baseRss / MB)} MB`);
console.log(`plain loop floor (no augmentation): median ${Math.round(median([1, 2, 3].map(() => plainLoop(split))))} images/s`);

for (const workers of [0, 1, 2]) {
  const first = await pass(split, workers, 0); // warm-up: JIT, border table, shared copy for workers
  const measured = [];
  for (let r = 0; r < runs; r++) measured.push(await pass(split, workers, r + 1));
  const rates = measured.map((m) => m.rate);
  const peak = Math.max(first.peakRss, ...measured.map((m) => m.peakRss));
  console.log(
    `workers ${workers}: median ${Math.round(median(rates))} images/s ` +
      `(min ${Math.round(Math.min(...rates))}, max ${Math.round(Math.max(...rates))}, ${runs} passes of ${split.count}; ` +
      `first pass ${first.seconds.toFixed(2)} s), peak extra rss ${Math.round((peak - baseRss) / MB)} MB`,
  );
}
console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
