import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { peakBufferBytes } from './buffer-peak.ts';
import { registerTrainingKernels } from './register-training-kernels.ts';

const MIB = 2 ** 20;

describe('peakBufferBytes', () => {
  beforeAll(async () => {
    // This project's Identity shares the buffer, as tfjs' cpu one does (stock wasm copies it).
    registerTrainingKernels();
    await tf.setBackend('wasm');
    await tf.ready();
  });

  it('counts a buffer once however many tensors share it, where tf.profile counts each tensor', async () => {
    const base = tf.memory().numBytes;
    const shared = () => tf.tidy(() => {
      const x = tf.ones([MIB / 4]);
      tf.reshape(x, [256, -1]);
      tf.clone(x);
      tf.keep(x).dispose();
    });
    const profiled = await tf.profile(shared);
    expect(profiled.peakBytes - base).toBe(3 * MIB);
    expect((await peakBufferBytes(tf, shared)) - base).toBe(MIB);
  });

  it('counts what is alive at once: a buffer freed before the next is born does not add', async () => {
    const base = tf.memory().numBytes;
    const peak = await peakBufferBytes(tf, () => {
      tf.ones([MIB / 4]).dispose();
      const [a, b] = [tf.ones([MIB / 4]), tf.ones([MIB / 8])];
      tf.dispose([a, b]);
    });
    expect(peak - base).toBe(1.5 * MIB);
  });

  it('starts from the memory already in use and leaves the engine counting as before', async () => {
    const kept = tf.ones([MIB / 4]);
    const base = tf.memory().numBytes;
    expect(await peakBufferBytes(tf, () => tf.zeros([16]).dispose())).toBe(base + 64);
    const profiled = await tf.profile(() => void tf.clone(kept).dispose());
    expect(profiled.peakBytes).toBe(base + MIB);
    kept.dispose();
  });
});
