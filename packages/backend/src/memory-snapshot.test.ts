import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { initBackend } from './choose-backend.ts';
import { memorySnapshot } from './memory-snapshot.ts';

describe('memorySnapshot', () => {
  it('counts tfjs tensors and bytes, reads RSS, and reports no GPU figure off the tensorflow backend', async () => {
    expect(E.isRight(await initBackend(tf, 'wasm'))).toBe(true);
    const before = await memorySnapshot(tf);
    const t = tf.fill([256, 256], 1.5);
    const during = await memorySnapshot(tf);
    t.dispose();
    const after = await memorySnapshot(tf);
    expect(during.tfjsTensors - before.tfjsTensors).toBe(1);
    expect(during.tfjsBytes - before.tfjsBytes).toBe(256 * 256 * 4);
    expect(after.tfjsTensors).toBe(before.tfjsTensors);
    expect(during.rssBytes).toBeGreaterThan(10 * 2 ** 20);
    expect('gpuBytes' in during).toBe(false);
  });
});
