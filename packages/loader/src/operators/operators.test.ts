import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { epochRng } from '../epoch-rng.ts';
import { buildBatch } from '../pure/batch.ts';
import { epochPlan } from '../pure/epoch-plan.ts';
import { flipImage } from '../pure/image-stages.ts';
import { randomSplit } from '../test-support/random-split.ts';
import { batch } from './batch.ts';
import { flip } from './flip.ts';
import { records } from './image-record.ts';
import { pad } from './pad.ts';
import { centreCrop, randomCrop } from './random-crop.ts';
import { shuffle } from './shuffle.ts';
import { subtractMean } from './subtract-mean.ts';
import { testSeed } from '@resnet-cifar/test-support';

describe('the stage operators composed', () => {
  const split = randomSplit(testSeed('operators'), 100);

  it('equal the fused epoch batches drawn from the same generator (shuffle, pad, randomCrop, flip, subtractMean, batch)', async () => {
    const options = {
      seed: 4, epoch: 2, mode: 'train', batchSize: 32, lastBatch: 'partial', padding: 'mean',
      shuffle: true, prefetch: 2, workers: 0,
    } as const;
    const rng = epochRng(4, 2);
    const viaOperators = await lastValueFrom(
      records(split).pipe(shuffle(rng), pad('mean'), randomCrop(rng), flip(rng), subtractMean(split.mean), batch(32, 2), toArray()),
    );
    const plan = epochPlan(epochRng(4, 2), split.count, options);
    const fused = Array.from({ length: plan.batches }, (_, s) => buildBatch(split, plan, s, 'mean'));
    expect(viaOperators.map((b) => b.size)).toEqual([32, 32, 32, 4]);
    viaOperators.forEach((b, s) => {
      expect(Array.from(b.indices)).toEqual(Array.from(fused[s]!.indices));
      expect(Array.from(b.labels)).toEqual(Array.from(fused[s]!.labels));
      expect(Buffer.from(b.images.buffer).equals(Buffer.from(fused[s]!.images.buffer))).toBe(true);
    });
  });

  it('give flip test-time augmentation: centre crops, every image mirrored, in record order', async () => {
    const [first] = await lastValueFrom(records(split).pipe(pad('zero'), centreCrop(), flip('always'), toArray()));
    expect(first!.index).toBe(0);
    expect(first!.pixels).toEqual(flipImage(split.images.subarray(0, 3072)));
  });
});
