import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { expect, it } from 'vitest';
import { initBackend } from './choose-backend.ts';

// Its own file, so its process starts wasm for the first time (vitest pool 'forks').
it('initBackend with wasmThreads 2 reports and runs the two-thread wasm backend', async () => {
  const report = await initBackend(tf, 'wasm', { wasmThreads: 2 });
  expect(E.isRight(report) && report.right.device).toBe('CPU, wasm SIMD, 2 threads');
  expect(tf.getBackend()).toBe('wasm');
  const before = tf.memory().numTensors;
  const sum = tf.tidy(() => tf.sum(tf.tensor1d([1.5, 2.25, -0.5])).dataSync()[0]);
  expect(sum).toBe(3.25);
  expect(tf.memory().numTensors).toBe(before);
});
