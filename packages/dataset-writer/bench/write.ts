/**
 * Images per second for writing the real CIFAR-10 files (58,000 images) into a repository.
 * Usage: npx tsx packages/dataset-writer/bench/write.ts [RUNS]   (nx run dataset-writer:bench)
 * Run it under the shared lock on a shared machine: flock /tmp/bench.lock node --import tsx ...
 * Reports the median of RUNS (default 5) after one warm-up, for
 *   (a) the conversion alone (validate + CHW->NHWC + counts + mean, in memory), by the wasm SIMD
 *       transposition the writer uses and by the plain JavaScript fallback;
 *   (b) the whole write, `writeRepository(DATA, out)` into an absent folder: read from the page
 *       cache, validate, transpose, sha256 of source and output, write, fsync, verify, rename.
 *       The previous run's output is removed (and its deletion synced) outside the timed region;
 *   (c) its parts each alone on one thread (read, sha256, write + fsync): the whole write
 *       overlaps them on both cores, so its wall time can be below their sum.
 * CPU time is printed beside wall time because other work on a shared machine stretches the wall
 * clock; the load average is printed before and after.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSource } from '../src/load-source.ts';
import { checkSource } from '../src/pure/check-source.ts';
import type { CheckedSource } from '../src/pure/check-source.ts';
import { appendRecords, splitAccumulator } from '../src/pure/split-accumulator.ts';
import { RECORD_BYTES } from '../src/pure/record-format.ts';
import { plainTransposer } from '../src/pure/transposer.ts';
import type { SourceBatch } from '../src/pure/source-files.ts';
import { writeRepository } from '../src/write-repository.ts';
import { parts } from './parts.ts';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/cifar10');
const RUNS = Number(process.argv[2] ?? 5);

interface Sample { readonly wallMs: number; readonly cpuMs: number; readonly mainMs: number }

const measure = async (work: () => Promise<void>): Promise<Sample> => {
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const start = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  const busy = performance.eventLoopUtilization(loop);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000, mainMs: busy.active };
};

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const report = (what: string, images: number, samples: ReadonlyArray<Sample>, brief = false): void => {
  const wall = median(samples.map((s) => s.wallMs));
  const cpu = median(samples.map((s) => s.cpuMs));
  const main = median(samples.map((s) => s.mainMs));
  const perSecond = (ms: number) => Math.round(images / (ms / 1000)).toLocaleString('en-US');
  if (brief) return void console.log(`${what}: median ${wall.toFixed(0)} ms wall, CPU ${cpu.toFixed(0)} ms`);
  console.log(`${what}: median ${wall.toFixed(0)} ms wall = ${perSecond(wall)} images/s`);
  // Under load, wall and busy time include time spent waiting for a core; CPU time does not.
  console.log(`  CPU ${cpu.toFixed(0)} ms over all threads (${perSecond(cpu)} images per CPU-second); main thread busy ${main.toFixed(0)} ms`);
  console.log(`  runs (wall ms): ${samples.map((s) => s.wallMs.toFixed(0)).join(', ')}`);
};

const convert = (batches: ReadonlyArray<SourceBatch>, kind: 'wasm' | 'plain'): void => {
  const count = batches.reduce((n, b) => n + b.bytes.length / RECORD_BYTES, 0);
  const split = splitAccumulator(count, kind === 'plain' ? plainTransposer(count) : undefined);
  for (const batch of batches) appendRecords(split, batch.bytes);
};

const runs = async (work: () => Promise<void>, prepare: () => Promise<void> = async () => undefined): Promise<Sample[]> => {
  await prepare();
  await work(); // warm-up: JIT, page cache
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    await prepare();
    samples.push(await measure(work));
  }
  return samples;
};

/**
 * Removes the previous run's repository outside the timed region. The file system is mounted
 * with `discard`: deleting 180 MB queues discards that the next journal commit (our first
 * fsync) would otherwise wait for, so the folder is synced here, and the disk given a moment.
 */
const removeOutput = async (out: string): Promise<void> => {
  await rm(out, { recursive: true, force: true });
  const folder = await open(dirname(out), 'r');
  await folder.sync();
  await folder.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
};

const main = async (): Promise<void> => {
  console.log(`machine: ${cpus()[0]?.model ?? '?'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const loaded = await loadSource(DATA)();
  if (loaded._tag === 'Left') throw new Error(loaded.left);
  const checked = checkSource(loaded.right);
  if (checked._tag === 'Left') throw new Error(checked.left);
  const source: CheckedSource = checked.right;
  const images = [...source.train, ...source.test].reduce((n, b) => n + b.bytes.length / RECORD_BYTES, 0);
  console.log(`data: ${DATA}, ${images} images`);
  for (const kind of ['wasm', 'plain'] as const) {
    report(`conversion (validate + transpose + counts + mean), ${kind === 'wasm' ? 'wasm SIMD' : 'plain JavaScript'}`, images, await runs(async () => {
      checkSource(loaded.right);
      convert(source.train, kind);
      convert(source.test, kind);
    }));
  }
  const dir = await mkdtemp(join(tmpdir(), 'dataset-writer-bench-'));
  const out = join(dir, 'repo');
  try {
    report('whole write (read, validate, transpose, sha256, write, fsync, rename)', images, await runs(async () => {
      const written = await writeRepository(DATA, out)();
      if (written._tag === 'Left') throw new Error(written.left);
    }, () => removeOutput(out)));
    // After the whole write, so that the gigabyte these write cannot disturb it.
    console.log('each part alone, one thread (the whole write overlaps them):');
    for (const [name, work] of parts([...source.train, ...source.test], dir)) report(`  ${name}`, images, await runs(work), true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
};

await main();
