// How long one optimizer update of a whole CIFAR ResNet takes, per backend and depth.
// Run: npx tsx packages/optim/bench/apply-step.ts [depth ...]   (default depths 3 9 18)
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createSgd } from '../src/index.ts';

// Trainable parameters of the 6n+2 network as the graph compiler names them (the fixed identity
// shortcuts are not trained, so they are not here).
const resnetShapes = (n: number): Array<[string, number[]]> => {
  const bn = (prefix: string, c: number): Array<[string, number[]]> => [[`${prefix}/gamma`, [c]], [`${prefix}/beta`, [c]]];
  const blocks = [16, 32, 64].flatMap((c, s) =>
    Array.from({ length: n }, (_, b): Array<[string, number[]]> => {
      const cin = b === 0 && s > 0 ? c / 2 : c;
      const at = `stage${s + 1}/block${b}`;
      return [[`${at}/conv1/weights`, [3, 3, cin, c]], ...bn(`${at}/bn1`, c), [`${at}/conv2/weights`, [3, 3, c, c]], ...bn(`${at}/bn2`, c)];
    }).flat(),
  );
  return [['stem/conv/weights', [3, 3, 3, 16]], ...bn('stem/bn', 16), ...blocks, ['head/affine/weights', [64, 10]], ...bn('head/bn', 10)];
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const measure = (n: number, runs: number): { params: number; ms: number } => {
  const shapes = resnetShapes(n);
  const variables = new Map(shapes.map(([name, shape]) => [name, tf.tidy(() => tf.variable(tf.randomNormal(shape), true, name))]));
  const grads = new Map(shapes.map(([name, shape]) => [name, tf.randomNormal(shape)]));
  const sgd = createSgd(tf, variables);
  const time = (): number => {
    const start = performance.now();
    sgd.apply(grads, 0.1);
    variables.get('head/bn/beta')?.dataSync(); // wait for the device, as a training step would
    return performance.now() - start;
  };
  for (let i = 0; i < 3; i++) time(); // warm-up: kernel set-up, first allocations
  const ms = median(Array.from({ length: runs }, time));
  const params = shapes.reduce((sum, [, shape]) => sum + shape.reduce((a, b) => a * b, 1), 0);
  sgd.dispose();
  tf.dispose([...variables.values(), ...grads.values()]);
  return { params, ms };
};

const depths = process.argv.slice(2).map(Number).filter((d) => d > 0);
console.log(`machine: ${cpus()[0]?.model ?? '?'} x${cpus().length}, node ${process.version}, tfjs ${tf.version.tfjs}`);
for (const backend of ['cpu', 'wasm']) {
  await tf.setBackend(backend);
  await tf.ready();
  for (const n of depths.length > 0 ? depths : [3, 9, 18]) {
    const { params, ms } = measure(n, 9);
    console.log(`${backend.padEnd(5)} ResNet-${6 * n + 2}: ${params} parameters, one update ${ms.toFixed(1)} ms (median of 9)`);
  }
}
