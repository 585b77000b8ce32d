import { from, lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { misclassification } from './misclassification.ts';

describe('misclassification operator', () => {
  it('counts argmax != label over every batch of the set, emitting once at the end', async () => {
    const batches = [
      { scores: [0.9, 0.1, 0.2, 0.8], labels: [0, 0], classes: 2 }, // 1 wrong
      { scores: [0.3, 0.7, 0.6, 0.4, 0.1, 0.9], labels: [1, 0, 0], classes: 2 }, // 1 wrong
    ];
    expect(await lastValueFrom(from(batches).pipe(misclassification()))).toEqual({ errors: 2, total: 5, rate: 0.4 });
  });

  it('fails the stream when scores and labels disagree in size (a caller bug)', async () => {
    const bad = from([{ scores: [1, 2, 3], labels: [0, 1], classes: 2 }]);
    await expect(lastValueFrom(bad.pipe(misclassification()))).rejects.toThrow('3 scores for 2 labels x 2 classes');
  });
});
