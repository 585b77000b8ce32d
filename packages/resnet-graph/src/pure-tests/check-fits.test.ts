import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { checkFits } from '../pure/check-fits.ts';
import { graphOf } from './test-graphs.ts';

describe('checkFits', () => {
  const cifar = { name: 'data/cifar10-records', imageShape: [32, 32, 3], classes: 10 };

  it('accepts a CIFAR-10 network for CIFAR-10 data', () => {
    expect(E.isRight(checkFits(graphOf({ n: 1 }), cifar))).toBe(true);
  });

  it.each([
    [{ n: 1, classes: 5 }, 'the model takes 32x32x3 images and scores 5 classes, but data/cifar10-records holds 32x32x3 images of 10 classes'],
    [{ n: 1, inputShape: [8, 8, 3] as const, widths: [4, 8, 16] }, 'the model takes 8x8x3 images and scores 10 classes, but data/cifar10-records holds 32x32x3 images of 10 classes'],
  ])('refuses %j in one line', (options, message) => {
    expect(checkFits(graphOf(options), cifar)).toEqual(E.left(message));
  });
});
