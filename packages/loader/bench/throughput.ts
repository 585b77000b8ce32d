/**
 * Augmented training images per second over full passes of the 48,000 real CIFAR-10 training
 * images, on the main thread and on worker threads, with the loader's peak extra memory.
 * Run from the repository root: npx nx run loader:bench, or
 *   node --expose-gc --import tsx packages/loader/bench/throughput.ts [runs=5]
 * Memory is the process RSS (main thread and workers) sampled at every batch, above the RSS
 * before the configuration's first pass; it includes the shared copy of the split for workers.
 */
import os from 'node:os';
import { createImagePool, createLoaderThreads, epochBatchIterator, type LoaderThreads } from '../src/index.ts';
import { readCifarBins, TRAIN_FILES } from '../src/test-support/cifar-bin.ts';
import type { Split } from '../src/pure/split.ts';

const runs = Number(process.argv[2] ?? 5);
const MB = 1024 * 1024;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const busyWait = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

/**
 * One full pass. The consumer reads one value per batch and, with `stepMs`, then blocks the
 * thread that long, as a synchronous wasm training step does; with `pooled` it recycles buffers.
 */
const pass = async (split: Split, workers: number, epoch: number, pooled: boolean, stepMs = 0, threads?: LoaderThreads) => {
  const pool = pooled ? createImagePool() : undefined;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let images = 0;
  let peakRss = process.memoryUsage.rss();
  let checksum = 0;
  for await (const b of epochBatchIterator(split, { seed: 1, epoch, mode: 'train', workers }, { ...(pool ? { pool } : {}), ...(threads ? { threads } : {}) })) {
    images += b.size;
    checksum += b.images[b.step % b.images.length]!;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (stepMs > 0) busyWait(stepMs);
    pool?.give(b.images);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // Images per CPU-second of the whole process (all threads, minus the consumer's own blocking):
  // what one free core would deliver, less distorted than wall time when other jobs share the cores.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 - (stepMs * (images / 128)) / 1000;
  return { rate: images / seconds, cpuRate: images / cpuSeconds, seconds, peakRss, checksum };
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
const baseRss = process.memoryUsage.rss();
console.log(`data: ${split.count} training images (${Math.round(split.images.byteLength / MB)} MB), rss ${Math.round(baseRss / MB)} MB`);
console.log(`plain loop floor (no augmentation): median ${Math.round(median([1, 2, 3].map(() => plainLoop(split))))} images/s`);

const report = async (label: string, workers: number, pooled: boolean, stepMs = 0, shared = false) => {
  const threads = shared ? createLoaderThreads(workers) : undefined;
  await threads?.ready;
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  const first = await pass(split, workers, 0, pooled, stepMs, threads); // warm-up: JIT, border table, shared copy
  const measured = [];
  for (let r = 0; r < runs; r++) measured.push(await pass(split, workers, r + 1, pooled, stepMs, threads));
  const rates = measured.map((m) => m.rate);
  const cpuRate = median(measured.map((m) => m.cpuRate));
  const peak = Math.max(first.peakRss, ...measured.map((m) => m.peakRss));
  console.log(
    `${label}: median ${Math.round(median(rates))} images/s (min ${Math.round(Math.min(...rates))}, ` +
      `max ${Math.round(Math.max(...rates))}; first pass ${first.seconds.toFixed(2)} s); ` +
      `${Math.round(cpuRate)} images per CPU-second; ` +
      `peak rss ${Math.round((peak - before) / MB)} MB above the ${Math.round(before / MB)} MB before it`,
  );
  await threads?.close();
  return median(rates);
};

console.log(`full passes of ${split.count} augmented training images (batch 128, wrap, mean padding), ${runs} runs after a warm-up:`);
await report('  workers 0, fresh buffers', 0, false);
await report('  workers 1 booted per epoch, fresh buffers', 1, false);
await report('  workers 0, recycled buffers (ImagePool)', 0, true);
await report('  workers 1 booted per epoch, recycled buffers', 1, true);
await report('  workers 1 kept across epochs (LoaderThreads), recycled buffers', 1, true, 0, true);
await report('  workers 2 kept across epochs (LoaderThreads), recycled buffers', 2, true, 0, true);
const STEP_MS = 4;
console.log(`with a consumer that blocks its thread ${STEP_MS} ms per batch (a synchronous training step):`);
const floor = (128 / STEP_MS) * 1000;
for (const workers of [0, 1]) {
  const label = workers === 0 ? '  workers 0, recycled buffers' : '  workers 1 kept across epochs, recycled buffers';
  const rate = await report(label, workers, true, STEP_MS, workers > 0);
  console.log(`    the consumer alone would run at ${Math.round(floor)} images/s: the loader adds ${(((floor / rate) - 1) * 100).toFixed(0)} %`);
}
console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
