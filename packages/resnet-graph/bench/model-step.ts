/**
 * The real compiled ResNet's training step (lossAndGradients + a plain SGD update) and forward
 * pass on wasm: images/s (median after warm-up), then kernel self time per step.
 * The one-thread share is the part of a step outside the jobs the kernel threads share (at 1
 * thread: what more threads cannot shorten).
 * Usage: npx tsx packages/resnet-graph/bench/model-step.ts [--n 3] [--batch 128] [--runs 5] [--profile 2] [--threads 1] [--filter conv|simd] [--bn ops] [--alternate]
 * --alternate (with --threads 2 or more): steps alternate between the main thread alone and all
 * threads, in one process, so that both see the same machine state; it prints both medians, the
 * scaling, and (with --profile) each kernel's self time both ways.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { formatProfile, initWasmThreads, kernelThreadStats, profileKernels, registerTrainingKernels, setWasmBackpropFilterSelector, withMainThreadOnly, type KernelTime } from '@resnet-cifar/backend';
import * as E from 'fp-ts/lib/Either.js';
import { compile, resnet } from '../src/index.ts';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '3' }, batch: { type: 'string', default: '128' }, runs: { type: 'string', default: '5' }, profile: { type: 'string', default: '2' }, threads: { type: 'string', default: '1' }, filter: { type: 'string' }, bn: { type: 'string' }, alternate: { type: 'boolean', default: false } },
});
const [n, batch, runs, profiled, threads] = [values.n, values.batch, values.runs, values.profile, values.threads].map(Number) as [number, number, number, number, number];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const timeMs = (work: () => void): number => {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
};

registerTrainingKernels();
// --filter conv|simd forces one filter-gradient method, to compare them back to back.
if (values.filter === 'conv' || values.filter === 'simd') setWasmBackpropFilterSelector(() => values.filter as 'conv' | 'simd');
// --bn ops drops the fused batch-norm kernels, so the training batch norm runs on tf ops.
if (values.bn === 'ops') ['ResnetBatchNormTrain', 'ResnetBatchNormGrad'].forEach((k) => tf.unregisterKernel(k, 'wasm'));
if (threads > 1) {
  const started = await initWasmThreads(threads);
  if (E.isLeft(started)) throw new Error(started.left);
} else await tf.setBackend('wasm');
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}, tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}, ${threads} thread(s), filter gradient ${values.filter ?? 'default'}, batch norm ${values.bn ?? 'fused'}, load ${load()}`);
const graph = resnet({ n });
if (E.isLeft(graph)) throw new Error(graph.left);
const model = compile(graph.right, tf, { seed: 1 });
const images = tf.randomNormal([batch, 32, 32, 3], 0, 60, 'float32', 1) as tf.Tensor4D;
const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32');
const lr = tf.scalar(0.01);
const train = (): void => {
  const { loss, logits, grads } = model.lossAndGradients(images, labels);
  tf.tidy(() => grads.forEach((g, name) => (model.trainable.get(name) as tf.Variable).assign(tf.sub(model.trainable.get(name) as tf.Tensor, tf.mul(g, lr)))));
  loss.dataSync();
  tf.dispose([loss, logits, ...grads.values()]);
};
const predict = (): void => tf.tidy(() => void model.predict(images).dataSync());
for (let i = 0; i < 2; i++) (train(), predict());
if (values.alternate) {
  if (threads < 2) throw new Error('--alternate compares the main thread alone with --threads 2 or more');
  await alternate();
  process.exit(0);
}
const trainMs: number[] = [];
const predictMs: number[] = [];
let trainSharedMs = 0; // time of the training steps in jobs the kernel threads share
// Interleaved, so a load change on the shared machine hits both figures alike.
for (let i = 0; i < runs; i++) {
  const shared = kernelThreadStats().sharedMs;
  trainMs.push(timeMs(train));
  trainSharedMs += kernelThreadStats().sharedMs - shared;
  predictMs.push(timeMs(predict));
}
const [t, p] = [median(trainMs), median(predictMs)];
console.log(`ResNet-${6 * n + 2} batch ${batch}, median of ${runs} after 2 warm-up (load ${load()})`);
console.log(`train step ${t.toFixed(0)} ms = ${((1000 * batch) / t).toFixed(1)} img/s  [${trainMs.map((x) => x.toFixed(0)).join(' ')}]`);
const alone = 1 - trainSharedMs / trainMs.reduce((a, b) => a + b, 0);
console.log(`one-thread share of a training step (main thread alone, outside shared kernel jobs): ${(100 * alone).toFixed(1)} %`);
console.log(`forward    ${p.toFixed(0)} ms = ${((1000 * batch) / p).toFixed(1)} img/s  [${predictMs.map((x) => x.toFixed(0)).join(' ')}]`);
if (profiled > 0) {
  const profiler = profileKernels('wasm');
  for (let i = 0; i < profiled; i++) train();
  console.log(`kernel self time per training step (${profiled} profiled steps):`);
  console.log(formatProfile(profiler.stop(), profiled));
  const forwardProfiler = profileKernels('wasm');
  for (let i = 0; i < profiled; i++) predict();
  console.log(`kernel self time per forward pass (${profiled} profiled passes):`);
  console.log(formatProfile(forwardProfiler.stop(), profiled));
}
tf.dispose([images, labels, lr]);
model.dispose();

/** 1 thread (the main thread alone) and all threads, step by step in turn: see --alternate. */
async function alternate(): Promise<void> {
  const modes = [
    { name: '1 thread', run: (f: () => void) => withMainThreadOnly(f) },
    { name: `${threads} threads`, run: (f: () => void) => f() },
  ];
  const times = modes.map(() => [] as number[]);
  const alone = modes.map(() => 0);
  const kernels = modes.map(() => new Map<string, number>());
  for (let i = 0; i < runs; i++) {
    modes.forEach((mode, m) => {
      const profiler = profiled > 0 ? profileKernels('wasm') : undefined;
      const shared = kernelThreadStats().sharedMs;
      const ms = timeMs(() => mode.run(train));
      (times[m] as number[]).push(ms);
      alone[m] = (alone[m] as number) + ms - (kernelThreadStats().sharedMs - shared);
      profiler?.stop().forEach((k: KernelTime) => kernels[m]?.set(k.kernel, (kernels[m]?.get(k.kernel) ?? 0) + k.selfMs / runs));
    });
  }
  const [one, all] = times.map(median) as [number, number];
  console.log(`ResNet-${6 * n + 2} batch ${batch}, ${runs} alternations after 2 warm-up (load ${load()})${profiled > 0 ? ', every step profiled' : ''}`);
  modes.forEach((mode, m) => console.log(`${mode.name.padEnd(10)} train step ${median(times[m] as number[]).toFixed(0)} ms  [${(times[m] as number[]).map((x) => x.toFixed(0)).join(' ')}]  main thread alone ${((alone[m] as number) / runs).toFixed(1)} ms`));
  console.log(`scaling ${(one / all).toFixed(2)}x`);
  if (profiled === 0) return;
  console.log(`kernel self time per step: 1 thread, ${threads} threads, speed-up, and the time over a perfect split`);
  const rows = [...(kernels[0] as Map<string, number>)].map(([k, a]) => [k, a, kernels[1]?.get(k) ?? 0] as const);
  rows.sort((x, y) => y[2] - y[1] / threads - (x[2] - x[1] / threads));
  for (const [k, a, b] of rows.filter(([, a]) => a >= 1)) console.log(`${k.padEnd(36)} ${a.toFixed(1).padStart(7)} ${b.toFixed(1).padStart(7)} ms  ${(a / b).toFixed(2)}x  +${(b - a / threads).toFixed(1)} ms`);
}
