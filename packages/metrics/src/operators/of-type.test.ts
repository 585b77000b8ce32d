import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { sampleRun } from '../pure-tests/sample-events.ts';
import { epochRows } from './epoch-rows.ts';
import { ofType } from './of-type.ts';

describe('ofType and epochRows', () => {
  it('keeps the events of one type, in order', async () => {
    const checkpoints = await lastValueFrom(from(sampleRun()).pipe(ofType('checkpoint'), toArray()));
    expect(checkpoints.map((c) => c.path)).toEqual(['/tmp/run-1/epoch-1']);
  });

  it('flattens each epoch into a row with its memory figures', async () => {
    const rows = await lastValueFrom(from(sampleRun()).pipe(epochRows(), toArray()));
    expect(rows.map((r) => [r.epoch, r.rssBytes / 2 ** 20, r.gpuBytes])).toEqual([
      [0, 1000, undefined],
      [1, 1010, 600 * 2 ** 20],
    ]);
  });
});
