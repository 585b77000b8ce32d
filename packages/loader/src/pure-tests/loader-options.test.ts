import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeLoaderOptions } from '../pure/loader-options.ts';

const leftOf = (input: unknown): string => {
  const r = decodeLoaderOptions(input);
  if (E.isRight(r)) throw new Error(`expected a decoding error for ${JSON.stringify(input)}`);
  return r.left;
};

describe('decodeLoaderOptions', () => {
  it("fills neon's defaults; shuffling follows the mode", () => {
    expect(decodeLoaderOptions({ seed: 3, epoch: 1, mode: 'train' })).toEqual(
      E.right({
        seed: 3, epoch: 1, mode: 'train', batchSize: 128, lastBatch: 'wrap',
        padding: 'mean', shuffle: true, prefetch: 2, workers: 0,
      }),
    );
    expect(E.map((o: { shuffle: boolean }) => o.shuffle)(decodeLoaderOptions({ seed: 3, epoch: 0, mode: 'eval' }))).toEqual(E.right(false));
  });

  it('names the field and the value in one line for bad input', () => {
    expect(leftOf({ seed: 1.5, epoch: 0, mode: 'train' })).toMatch(/^invalid loader options: seed must be SafeInt \(got 1.5\)$/);
    expect(leftOf({ seed: 1, epoch: 0, mode: 'train', batchSize: 0 })).toMatch(/batchSize must be PositiveInt \(got 0\)/);
    expect(leftOf({ seed: 1, epoch: -1, mode: 'train' })).toMatch(/epoch/);
    expect(leftOf({ seed: 1, epoch: 0, mode: 'test' })).toMatch(/mode/);
    expect(leftOf({ seed: 1, epoch: 0, mode: 'train', lastBatch: 'keep' })).toMatch(/lastBatch/);
    expect(leftOf({ seed: 1, epoch: 0, mode: 'train', workers: 0.5 })).not.toContain('\n');
  });
});
