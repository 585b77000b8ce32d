// ResNet-20 (plain tf ops) at batch 128: images/s for a training step and for a forward pass,
// then the kernels that dominate a step. npx tsx packages/backend/bench/resnet20-step.ts
// [--backend wasm] [--batch 128] [--runs 5] [--depth 3]
import * as tf from '@tensorflow/tfjs';
import { initialValues, loss, logits, makeParams, type PlainResnetShape } from '../src/test-support/plain-resnet.ts';
import { argValue, benchSetup, timeMs } from './bench-support.ts';
import { formatProfile, profileKernels } from '../src/kernel-profiler.ts';
import { nonZeroValues, seededRandom } from '@resnet-cifar/test-support';

const batch = Number(argValue('batch', '128'));
const runs = Number(argValue('runs', '5'));
const shape: PlainResnetShape = { blocksPerStage: Number(argValue('depth', '3')), width: 16, imageSize: 32, classes: 10 };

const main = async (): Promise<void> => {
  await benchSetup(argValue('backend', 'wasm') as 'wasm' | 'cpu');
  const next = seededRandom(1);
  const params = makeParams(shape, initialValues(shape, next));
  const x = tf.tensor4d(nonZeroValues(next, batch * 32 * 32 * 3).map((v) => v * 128), [batch, 32, 32, 3]);
  const y = tf.tensor1d(Int32Array.from({ length: batch }, () => Math.floor(next() * 10)), 'int32');
  const lr = tf.scalar(0.01);
  const step = (): void => {
    const { value, grads } = tf.variableGrads(() => loss(shape, params, x, y), Object.values(params));
    tf.tidy(() => Object.values(params).forEach((v) => v.assign(tf.sub(v, tf.mul(grads[v.name] as tf.Tensor, lr)))));
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const forward = (): void => void tf.tidy(() => logits(shape, params, x).dataSync());

  const stepMs = timeMs(step, 2, runs);
  const forwardMs = timeMs(forward, 2, runs);
  console.log(`ResNet-${6 * shape.blocksPerStage + 2}, batch ${batch}, median of ${runs} after 2 warm-up`);
  console.log(`train step ${stepMs.toFixed(0)} ms = ${((batch * 1000) / stepMs).toFixed(1)} img/s`);
  console.log(`forward    ${forwardMs.toFixed(0)} ms = ${((batch * 1000) / forwardMs).toFixed(1)} img/s`);

  const profiler = profileKernels(tf.getBackend());
  const profiled = 2;
  for (let i = 0; i < profiled; i++) step();
  console.log(`kernel self time per training step (profiled separately, ${profiled} steps):`);
  console.log(formatProfile(profiler.stop(), profiled));
  tf.dispose([x, y, lr, ...Object.values(params)]);
};

await main();
