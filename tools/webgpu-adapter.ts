/**
 * Prints the WebGPU adapter `--backend webgpu` gets here and checks that it computes, then exits
 * 0; exit 1 with one line saying why when there is none. tools/software-adapter.sh runs it.
 *   node --import tsx tools/webgpu-adapter.ts
 */
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { formatBackendReport, initBackend, releaseBackend } from '@resnet-cifar/backend';

const main = async (): Promise<number> => {
  const backend = await initBackend(tf, 'webgpu');
  if (E.isLeft(backend)) {
    console.error(`webgpu-adapter: ${backend.left}`);
    return 1;
  }
  const sum = tf.add(tf.tensor1d([1, 2, 3]), tf.tensor1d([10, 20, 30]));
  const values = Array.from(await sum.data());
  releaseBackend();
  if (values.join(',') !== '11,22,33') {
    console.error(`webgpu-adapter: the adapter computed [${values.join(', ')}] for [1, 2, 3] + [10, 20, 30]`);
    return 1;
  }
  console.log(`webgpu-adapter: ${formatBackendReport(backend.right)}; computes correctly`);
  return 0;
};

main().then((code) => (process.exitCode = code));
