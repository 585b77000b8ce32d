/**
 * What a training step keeps, and what it costs, with each way of recording the backward pass, on
 * the same weights and batch: `nodes` (tfjs' tape, node by node: the step before residual blocks
 * ran as single operations), `outputs` (the default) and `input` (--recompute blocks). Per depth:
 * the peak of tfjs buffers (each once) and of tfjs' own count (tf.profile, every tensor object),
 * the growth per unit of n over the depths given, and the median step time (the recordings
 * interleaved run by run, after two warm-ups each).
 * Usage: npx tsx packages/resnet-graph/bench/step-memory.ts [--depths 1,2,3] [--batch 128] [--runs 3] [--threads 2] [--modes nodes,outputs,input]
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/lib/Either.js';
import { initBackend, peakBufferBytes } from '@resnet-cifar/backend';
import { createVariables } from '../src/create-variables.ts';
import type { TrainingGraph } from '../src/forward.ts';
import { parameters, resnet } from '../src/pure/index.ts';
import { trainingStep } from '../src/training-step.ts';

const { values } = parseArgs({
  options: { depths: { type: 'string', default: '1,2,3' }, batch: { type: 'string', default: '128' }, runs: { type: 'string', default: '3' }, threads: { type: 'string', default: '2' }, modes: { type: 'string', default: 'nodes,outputs,input' } },
});
const depths = (values.depths ?? '').split(',').map(Number);
const [batch, runs] = [Number(values.batch), Number(values.runs)];
const modes = (values.modes ?? '').split(',') as TrainingGraph[];
const MIB = 2 ** 20;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const backend = await initBackend(tf, 'wasm', { wasmThreads: Number(values.threads) });
if (E.isLeft(backend)) throw new Error(backend.left);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, tfjs ${tf.version.tfjs}, wasm, ${values.threads} threads`);
console.log(`batch ${batch}; step = lossAndGradients without the optimizer; time: median of ${runs}, the recordings interleaved, after two warm-ups each`);
console.log('| n | layers | recording | tfjs buffers at the peak | tf.profile peak | step ms |');
console.log('|---:|---:|---|---:|---:|---:|');
const peaks = new Map<TrainingGraph, number[]>(modes.map((m) => [m, []]));
for (const n of depths) {
  const graph = resnet({ n });
  if (E.isLeft(graph)) throw new Error(graph.left);
  const variables = createVariables(tf, graph.right.name, parameters(graph.right), 1);
  const images = tf.randomNormal([batch, 32, 32, 3], 0, 60, 'float32', 1) as tf.Tensor4D;
  const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32');
  const step = (mode: TrainingGraph) => {
    const { loss, logits, grads } = trainingStep(tf, graph.right, variables, images, labels, mode);
    loss.dataSync();
    tf.dispose([loss, logits, ...grads.values()]);
  };
  const rows = new Map<TrainingGraph, { buffers: number; profiled: number; ms: number[] }>();
  for (const mode of modes) {
    step(mode);
    step(mode);
    const buffers = await peakBufferBytes(tf, () => step(mode));
    const profiled = (await tf.profile(() => step(mode))).peakBytes;
    rows.set(mode, { buffers, profiled, ms: [] });
    peaks.get(mode)?.push(buffers);
  }
  // Interleaved, so that a change in the machine's load hits every recording alike.
  for (let run = 0; run < runs; run += 1) {
    for (const mode of modes) {
      const start = performance.now();
      step(mode);
      rows.get(mode)?.ms.push(performance.now() - start);
    }
  }
  for (const [mode, row] of rows) {
    console.log(`| ${n} | ${6 * n + 2} | ${mode} | ${(row.buffers / MIB).toFixed(1)} MiB | ${(row.profiled / MIB).toFixed(1)} MiB | ${median(row.ms).toFixed(0)} |`);
  }
  tf.dispose([images, labels, ...variables.all.values()]);
}
// Least squares over the depths measured: MiB per unit of n.
const slope = (ys: number[]): number => {
  const mx = depths.reduce((a, b) => a + b, 0) / depths.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxy = depths.reduce((a, x, i) => a + (x - mx) * ((ys[i] as number) - my), 0);
  const sxx = depths.reduce((a, x) => a + (x - mx) ** 2, 0);
  return sxy / sxx;
};
if (depths.length > 1) for (const mode of modes) console.log(`growth per unit of n, ${mode}: ${(slope(peaks.get(mode) ?? []) / MIB).toFixed(1)} MiB`);
