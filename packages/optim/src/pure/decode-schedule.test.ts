import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { decodeSchedule } from './decode-schedule.ts';

describe('decodeSchedule', () => {
  it('decodes a JSON object, filling documented defaults', () => {
    expect(decodeSchedule({ kind: 'warmup', lr: 0.01, steps: 400, then: { kind: 'multistep', milestones: [90, 135] } })).toEqual(
      E.right({ kind: 'warmup', lr: 0.01, steps: 400, ramp: 'constant', then: { kind: 'multistep', lr: 0.1, milestones: [90, 135], factor: 0.1 } }),
    );
  });

  it('decodes a compact string found in a JSON config', () => {
    expect(decodeSchedule('cosine:0.05@90')).toEqual(E.right({ kind: 'cosine', lr: 0.05, epochs: 90, minLr: 0 }));
  });

  it.each([
    [{ kind: 'constant', lr: -1 }, 'schedule.lr: a learning rate must be a finite number >= 0, got -1'],
    [{ kind: 'multistep', milestones: [90, 45] }, 'schedule.milestones: milestones must increase strictly, got 90 then 45'],
    [{ kind: 'warmup', lr: 0.01, steps: 400, then: { kind: 'multistep', milestones: [9], factor: 0 } }, 'schedule.then.factor: must be a finite number > 0, got 0'],
    [{ kind: 'multistep', milestone: [90] }, "schedule: unknown field 'milestone' in multistep schedule (expected kind, lr, milestones, factor)"],
    [{ kind: 'polynomial' }, 'schedule: unknown schedule kind "polynomial" (expected constant, multistep, cosine, onecycle, warmup)'],
    [{ kind: 'constant' }, 'schedule.lr: a learning rate must be a finite number >= 0, got nothing'],
    [42, /^schedule: a schedule is an object with a kind/],
  ])('rejects %j with a one-line message', (input, message) => {
    const result = decodeSchedule(input);
    expect(E.isLeft(result) && result.left).toMatch(message);
  });
});
