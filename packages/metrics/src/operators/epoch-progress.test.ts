import * as O from 'fp-ts/lib/Option.js';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { epochDone, step } from '../pure-tests/sample-events.ts';
import type { TrainEvent } from '../pure/train-event.ts';
import { epochProgress } from './epoch-progress.ts';
import { imagesPerSecond } from './images-per-second.ts';

const run = (events: ReadonlyArray<TrainEvent>) => lastValueFrom(from(events).pipe(epochProgress(), toArray()));

describe('epochProgress', () => {
  it('keeps running means of loss and error per epoch, resetting at the next epoch', async () => {
    const progress = await run([
      step(0, 0, { loss: 2.5, batchError: 0.75 }),
      step(0, 1, { loss: 1.5, batchError: 0.25 }),
      epochDone(0),
      step(1, 0, { loss: 1, batchError: 0.5 }),
    ]);
    expect(progress.map((p) => [p.epoch, p.steps, O.toUndefined(p.loss), O.toUndefined(p.error)])).toEqual([
      [0, 1, 2.5, 0.75],
      [0, 2, 2, 0.5],
      [1, 1, 1, 0.5],
    ]);
  });

  it('counts figures that arrive in a burst at epoch end once each, images once per step', async () => {
    const dispatched = [0, 1, 2].map((s) => step(0, s));
    const readBack = [0, 1, 2].map((s) => step(0, s, { loss: s + 1, time: 9000 }));
    const progress = await run([...dispatched, ...readBack, step(0, 2, { loss: 100, time: 9000 })]);
    expect(progress.slice(0, 3).every((p) => O.isNone(p.loss))).toBe(true);
    const last = progress.at(-1)!;
    expect([last.steps, last.images, O.toUndefined(last.loss)]).toEqual([3, 384, 2]);
  });

  it('measures images per second from the epoch\'s first step on', async () => {
    const events = [
      step(0, 0, { time: 500, images: 128 }),
      step(0, 1, { time: 1500, images: 128 }),
      step(0, 2, { time: 1750, images: 64 }),
      step(1, 0, { time: 9000 }),
      step(1, 1, { time: 9500 }),
    ];
    const rates = await lastValueFrom(from(events).pipe(imagesPerSecond(), toArray()));
    expect(rates).toEqual([
      { epoch: 0, imagesPerSecond: 128 },
      { epoch: 0, imagesPerSecond: 192 / 1.25 },
      { epoch: 1, imagesPerSecond: 256 },
    ]);
  });
});
