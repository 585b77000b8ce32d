/**
 * Compile time, inference and training-step throughput of the compiled ResNets on wasm with the
 * backend's training kernels. Warm-up first, then the median of several runs.
 * Usage: npx tsx packages/resnet-graph/bench/step-throughput.ts [--depths 3,5,9,18] [--batch 32] [--runs 3]
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerTrainingKernels } from '@resnet-cifar/backend';
import * as E from 'fp-ts/lib/Either.js';
import { compile, macsPerImage, resnet, type ResnetModel } from '../src/index.ts';

const { values } = parseArgs({ options: { depths: { type: 'string', default: '3,5,9,18' }, batch: { type: 'string', default: '32' }, runs: { type: 'string', default: '3' } } });
const depths = (values.depths ?? '').split(',').map(Number);
const batch = Number(values.batch);
const runs = Number(values.runs);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const timed = (work: () => void): number => {
  const start = performance.now();
  work();
  return performance.now() - start;
};

const measure = (model: ResnetModel, images: tf.Tensor4D, labels: tf.Tensor1D) => {
  const predict = () => tf.tidy(() => void model.predict(images).dataSync());
  const train = () => {
    const { loss, logits, grads } = model.lossAndGradients(images, labels);
    loss.dataSync(); // the one sync point, as a training loop would have
    tf.dispose([loss, logits, ...grads.values()]);
  };
  predict();
  train();
  return { predictMs: median(Array.from({ length: runs }, () => timed(predict))), trainMs: median(Array.from({ length: runs }, () => timed(train))) };
};

registerTrainingKernels();
await tf.setBackend('wasm');
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`);
console.log(`batch ${batch}, median of ${runs} runs after one warm-up`);
console.log('| n | layers | MACs/image | compile ms | predict img/s | train step ms | train img/s |');
console.log('|---|---|---|---|---|---|---|');
for (const n of depths) {
  const graph = resnet({ n });
  if (E.isLeft(graph)) throw new Error(graph.left);
  let model: ResnetModel | undefined;
  const compileMs = timed(() => void (model = compile(graph.right, tf, { seed: 1 })));
  if (model === undefined) throw new Error('compile returned nothing');
  const images = tf.randomNormal([batch, 32, 32, 3], 0, 60, 'float32', 1) as tf.Tensor4D;
  const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32');
  const { predictMs, trainMs } = measure(model, images, labels);
  console.log(
    `| ${n} | ${6 * n + 2} | ${(macsPerImage(graph.right) / 1e6).toFixed(1)} M | ${compileMs.toFixed(0)} | ${((1000 * batch) / predictMs).toFixed(1)} | ${trainMs.toFixed(0)} | ${((1000 * batch) / trainMs).toFixed(1)} |`,
  );
  tf.dispose([images, labels]);
  model.dispose();
}
