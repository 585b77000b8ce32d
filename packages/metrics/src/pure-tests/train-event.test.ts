import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { epochDone, sampleRun, step } from './sample-events.ts';
import { decodeTrainEvent, encodeTrainEvent } from '../pure/decode-train-event.ts';
import { formatEventLine } from '../pure/progress-lines.ts';
import { isEvent, type TrainEvent } from '../pure/train-event.ts';

describe('TrainEvent codec', () => {
  it('decodes every event of a run back to itself after encoding', () => {
    for (const event of sampleRun()) {
      expect(decodeTrainEvent(JSON.parse(JSON.stringify(encodeTrainEvent(event))))).toEqual(E.right(event));
    }
  });

  it('keeps a NaN loss through JSON, where JSON.stringify alone would write null', () => {
    const diverged = epochDone(3, { trainLoss: Number.NaN, valLoss: Number.POSITIVE_INFINITY });
    const json = JSON.stringify(encodeTrainEvent(diverged));
    expect(json).toContain('"trainLoss":"NaN"');
    const back = decodeTrainEvent(JSON.parse(json));
    expect(E.isRight(back) && back.right.type === 'epoch' && Number.isNaN(back.right.trainLoss)).toBe(true);
    expect(E.isRight(back) && back.right.type === 'epoch' && back.right.valLoss).toBe(Number.POSITIVE_INFINITY);
  });

  it('accepts a step without loss or error (read back only once per epoch)', () => {
    expect(E.isRight(decodeTrainEvent(step(0, 1)))).toBe(true);
  });

  it('rejects a fractional epoch with a one-line message naming the event and the field', () => {
    const result = decodeTrainEvent({ ...step(0, 1), epoch: 1.5 });
    expect(result).toEqual(E.left('invalid step event: epoch: expected a non-negative integer, got 1.5'));
  });

  it('names a nested field by its path', () => {
    const bad = { ...epochDone(0), memory: { ...epochDone(0).memory, rssBytes: -1 } };
    expect(decodeTrainEvent(bad)).toEqual(E.left('invalid epoch event: memory.rssBytes: expected a non-negative integer, got -1'));
  });

  it('rejects a missing field by its name', () => {
    const { memory: _memory, ...noMemory } = epochDone(0);
    const result = decodeTrainEvent(noMemory);
    expect(E.isLeft(result) && result.left).toMatch(/^invalid epoch event: memory is undefined/);
    expect(E.isLeft(result) && result.left.includes('\n')).toBe(false);
  });

  it('rejects an unknown type, naming it', () => {
    expect(decodeTrainEvent({ type: 'lunch' })).toEqual(E.left('invalid train event: unknown type "lunch"'));
  });

  it('drops unknown fields (strict), so a newer writer does not break an older reader', () => {
    const result = decodeTrainEvent({ ...step(0, 0), gossip: 'x' });
    expect(E.isRight(result) && 'gossip' in result.right).toBe(false);
  });

  it('carries the step of a mid-epoch checkpoint, and its line says where it stands', () => {
    const midEpoch: TrainEvent = { type: 'checkpoint', epoch: 3, stepInEpoch: 17, path: 'runs/x/checkpoint.ckpt' };
    expect(decodeTrainEvent(JSON.parse(JSON.stringify(encodeTrainEvent(midEpoch))))).toEqual(E.right(midEpoch));
    expect(formatEventLine(midEpoch)).toEqual({ _tag: 'Some', value: 'checkpoint at epoch 3, step 17: runs/x/checkpoint.ckpt' });
  });

  it('narrows events by type', () => {
    const epochs = sampleRun().filter(isEvent('epoch'));
    expect(epochs.map((e) => e.trainLoss)).toEqual([2.25, 2]);
  });
});
