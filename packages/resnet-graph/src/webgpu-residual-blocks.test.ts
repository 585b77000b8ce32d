import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initBackend, peakBufferBytes, releaseBackend } from '@resnet-cifar/backend';
import { describeOnWebGpu } from '@resnet-cifar/backend/test-support';
import { testSeed } from '@resnet-cifar/test-support';
import { createVariables } from './create-variables.ts';
import type { TrainingGraph } from './forward.ts';
import { parameters } from './pure/index.ts';
import { randomBatch, tinyGraph } from './test-support.ts';
import { trainingStep } from './training-step.ts';

// webgpu has no fused batch-norm kernels: the block operations run their tf-ops form there.
describeOnWebGpu('residual blocks as single operations on webgpu', () => {
  beforeAll(async () => expect(E.isRight(await initBackend(tf, 'webgpu')) && tf.getBackend()).toBe('webgpu'));
  afterAll(() => releaseBackend());

  it('give the tape\'s loss and every gradient (n = 2), with and without recompute, leaking nothing', async () => {
    const graph = tinyGraph({ n: 2 });
    const variables = createVariables(tf, graph.name, parameters(graph), testSeed('webgpu blocks'));
    const { images, labels } = randomBatch(4, [8, 8, 3], 10, testSeed('webgpu blocks batch'));
    const step = async (training: TrainingGraph) => {
      const before = tf.memory().numTensors;
      let result: ReturnType<typeof trainingStep> | undefined;
      const peak = await peakBufferBytes(tf, () => void (result = trainingStep(tf, graph, variables, images, labels, training)));
      const { loss, logits, grads } = result as ReturnType<typeof trainingStep>;
      const named = [['loss', loss], ...grads] as Array<[string, tf.Tensor]>;
      const values = new Map(await Promise.all(named.map(async ([name, t]) => [name, (await t.data()) as Float32Array] as const)));
      tf.dispose([loss, logits, ...grads.values()]);
      return { values, peak, leaked: tf.memory().numTensors - before };
    };
    const tape = await step('nodes');
    for (const training of ['outputs', 'input'] as const) {
      const blocks = await step(training);
      expect(blocks.leaked, training).toBe(0);
      expect(blocks.peak, training).toBeLessThan(tape.peak);
      for (const [name, expected] of tape.values) {
        const actual = blocks.values.get(name) as Float32Array;
        const scale = Math.max(...expected.map(Math.abs)) || 1;
        const gap = Math.max(...expected.map((v, i) => Math.abs(v - (actual[i] as number))));
        expect(gap / scale, `${training} ${name}`).toBeLessThan(1e-5);
      }
    }
    tf.dispose([images, labels, ...variables.all.values()]);
  });
});
