import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { randomSplit } from '../test-support/random-split.ts';
import { augmentInto } from '../pure/augment-into.ts';
import { cropImage, flipImage, padImage, subtractMeanImage } from '../pure/image-stages.ts';
import type { Padding } from '../pure/loader-options.ts';
import { BORDER_BYTES, fillBorderTable } from '../pure/pad-borders.ts';
import { uniformInt } from '../pure/rng.ts';
import { IMAGE_BYTES } from '../pure/split.ts';
import { testSeed } from '@resnet-cifar/test-support';

/** Index of the first differing element, or -1: vitest's deep equality is slow on 500k floats. */
const firstDifference = (a: Float32Array, b: Float32Array): number =>
  a.length !== b.length ? 0 : a.findIndex((v, i) => !Object.is(v, b[i]));

const viaStages = (
  image: Uint8Array, x: number, y: number, flip: boolean, padding: Padding,
  mean: readonly [number, number, number],
): Float32Array => {
  const cropped = cropImage(padImage(image, padding), x, y);
  return subtractMeanImage(flip ? flipImage(cropped) : cropped, mean);
};

describe('augmentInto (fused pad + crop + flip + subtractMean)', () => {
  const seed = testSeed('augmentInto');
  const split = randomSplit(seed, 40);
  const rng = xoroshiro128plus(seed);
  // Every offset pair and both flips, on records drawn at random: 162 cases per padding mode.
  const n = 9 * 9 * 2;
  const order = Int32Array.from({ length: n }, () => uniformInt(rng, split.count));
  const cropX = Uint8Array.from({ length: n }, (_, k) => k % 9);
  const cropY = Uint8Array.from({ length: n }, (_, k) => Math.floor(k / 9) % 9);
  const flip = Uint8Array.from({ length: n }, (_, k) => (k >= 81 ? 1 : 0));
  const table = fillBorderTable(split.images, split.count, new Uint8Array(split.count * BORDER_BYTES));

  for (const padding of ['mean', 'zero'] as const) {
    for (const borders of [undefined, table]) {
      it(`agrees bit for bit with the separate stages (${padding} padding, ${borders ? 'with' : 'without'} a border table)`, () => {
        const job = { order, cropX, cropY, flip, padding, mean: split.mean, ...(borders ? { borders } : {}) };
        const out = augmentInto(split.images, job, new Float32Array(n * IMAGE_BYTES));
        for (let k = 0; k < n; k++) {
          const i = order[k]!;
          const image = split.images.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES);
          const expected = viaStages(image, cropX[k]!, cropY[k]!, flip[k] === 1, padding, split.mean);
          expect(firstDifference(out.subarray(k * IMAGE_BYTES, (k + 1) * IMAGE_BYTES), expected), `slot ${k}`).toBe(-1);
        }
      });
    }
  }
});
