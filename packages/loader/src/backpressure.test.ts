import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { BatchProducer } from './batch-producer.ts';
import { iterateEpoch, producerFor } from './epoch-batch-iterator.ts';
import { fromPulled } from './from-pulled.ts';
import { prepareEpoch, type PreparedEpoch } from './prepare-epoch.ts';
import type { LoaderOptions } from './pure/loader-options.ts';
import { randomSplit } from './test-support/random-split.ts';
import { testSeed } from '@resnet-cifar/test-support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const busyWait = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

/** The real producer, counting how many batches it has finished and whether it was closed. */
const counted = () => {
  const stats = { produced: 0, closed: 0 };
  const producerOf = (e: PreparedEpoch): BatchProducer => {
    const real = producerFor()(e);
    return {
      // After the workers boot, so that with workers the batches are really made off this thread.
      produce: (step) => real.ready.then(() => real.produce(step)).then((b) => (stats.produced++, b)),
      close: () => (stats.closed++, real.close()),
      ready: real.ready,
    };
  };
  return { stats, producerOf };
};

const prepared = (options: LoaderOptions): PreparedEpoch => {
  const r = prepareEpoch(randomSplit(testSeed('backpressure'), 640), options);
  if (E.isLeft(r)) throw new Error(r.left);
  return r.right;
};

describe('backpressure: at most `prefetch` batches exist ahead of a slow consumer', () => {
  for (const workers of [0, 1]) {
    it(`holds a consumer that waits 100 ms per batch to ${2} ahead (workers: ${workers})`, async () => {
      const { stats, producerOf } = counted();
      const ahead: number[] = [];
      let consumed = 0;
      const epoch = prepared({ seed: 1, epoch: 0, mode: 'train', batchSize: 64, workers });
      for await (const _ of iterateEpoch(epoch, producerOf)) {
        consumed++;
        await sleep(100); // a slow training step
        ahead.push(stats.produced - consumed);
      }
      expect(consumed).toBe(10);
      expect(Math.max(...ahead)).toBe(2); // it does prefetch, and never beyond the bound
      expect(stats.closed).toBe(1);
    });
  }

  it('bounds a slow synchronous Observable subscriber the same way, and closes when the epoch ends', async () => {
    const { stats, producerOf } = counted();
    const ahead: number[] = [];
    const epoch = prepared({ seed: 1, epoch: 0, mode: 'train', batchSize: 64, workers: 1, prefetch: 3 });
    let consumed = 0;
    await lastValueFrom(
      fromPulled(() => iterateEpoch(epoch, producerOf)).pipe(
        tap(() => {
          consumed++;
          busyWait(40); // synchronous work: the worker keeps producing meanwhile
          ahead.push(stats.produced - consumed);
        }),
      ),
    );
    expect(consumed).toBe(10);
    expect(Math.max(...ahead)).toBeLessThanOrEqual(3);
    expect(stats.closed).toBe(1);
  });

  it('ends production when the consumer stops early', async () => {
    const { stats, producerOf } = counted();
    const epoch = prepared({ seed: 1, epoch: 0, mode: 'train', batchSize: 64, workers: 1 });
    await new Promise<void>((resolve) => {
      const sub = fromPulled(() => iterateEpoch(epoch, producerOf)).subscribe(() => {
        sub.unsubscribe();
        resolve();
      });
    });
    await sleep(50);
    expect(stats.closed).toBe(1);
    expect(stats.produced).toBeLessThanOrEqual(3);
  });
});
