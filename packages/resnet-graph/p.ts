import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerTrainingKernels } from '@resnet-cifar/backend';
import * as E from 'fp-ts/lib/Either.js';
import { resnet } from './src/pure/index.ts';
import { compile } from './src/compile.ts';
registerTrainingKernels();
const run = async (backend: string) => {
  await tf.setBackend(backend);
  const g = resnet({ n: 1, widths: [4, 8, 16], inputShape: [8, 8, 3] });
  if (E.isLeft(g)) throw g.left;
  const m = compile(g.right, tf, { seed: 1 });
  const x = tf.randomNormal([4, 8, 8, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
  const y = tf.tensor1d([1, 2, 3, 0], 'int32');
  const r = m.lossAndGradients(x, y);
  const out = { loss: r.loss.dataSync()[0], g: r.grads.get('stem/conv/weights')!.dataSync().slice(0, 4), p: r.grads.get('stage2/block0/conv1/weights')!.dataSync().slice(0, 4) };
  m.dispose();
  return out;
};
console.log(await run('cpu'));
console.log(await run('wasm'));
await tf.setBackend('wasm');
const g = resnet({ n: 3 }); if (E.isLeft(g)) throw g.left;
const m = compile(g.right, tf, { seed: 1 });
const x = tf.randomNormal([16, 32, 32, 3], 0, 60, 'float32', 3) as tf.Tensor4D;
const y = tf.tensor1d(Array.from({length: 16}, (_, i) => i % 10), 'int32');
for (let i = 0; i < 3; i++) { const t = Date.now(); const r = m.lossAndGradients(x, y); const l = r.loss.dataSync()[0]; tf.dispose([r.loss, r.logits, ...r.grads.values()]); console.log('n=3 b=16 step ms', Date.now() - t, l); }
