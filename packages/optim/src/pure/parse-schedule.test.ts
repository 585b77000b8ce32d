import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { parseSchedule } from './parse-schedule.ts';
import type { ScheduleSpec } from './schedule-spec.ts';

const neon = { kind: 'multistep', lr: 0.1, milestones: [90, 135], factor: 0.1 };

describe('parseSchedule accepts the documented forms', () => {
  it.each<[string, ScheduleSpec]>([
    ['neon', neon as ScheduleSpec],
    ['step:90,135', neon as ScheduleSpec],
    ['multistep:0.1@30,60', { kind: 'multistep', lr: 0.1, milestones: [30, 60], factor: 0.1 }],
    ['multistep:0.2*0.5@30, 60', { kind: 'multistep', lr: 0.2, milestones: [30, 60], factor: 0.5 }],
    ['constant:1e-3', { kind: 'constant', lr: 0.001 }],
    ['cosine', { kind: 'cosine', lr: 0.1, epochs: 180, minLr: 0 }],
    ['cosine:0.2..1e-4@200', { kind: 'cosine', lr: 0.2, epochs: 200, minLr: 1e-4 }],
    ['onecycle:0.4', { kind: 'onecycle', maxLr: 0.4, epochs: 180, pctStart: 0.3 }],
    ['onecycle:0.4@30~0.25', { kind: 'onecycle', maxLr: 0.4, epochs: 30, pctStart: 0.25 }],
    ['warmup:0.01@400,step:90,135', { kind: 'warmup', lr: 0.01, steps: 400, ramp: 'constant', then: neon as ScheduleSpec }],
    ['linear-warmup:0@500,cosine', { kind: 'warmup', lr: 0, steps: 500, ramp: 'linear', then: { kind: 'cosine', lr: 0.1, epochs: 180, minLr: 0 } }],
  ])('%s', (text, spec) => {
    expect(parseSchedule(text)).toEqual(E.right(spec));
  });
});

describe('parseSchedule rejects nonsense with one line that names the fault', () => {
  it.each([
    ['constant:-0.1', /lr: a learning rate must be a finite number >= 0, got -0.1/],
    ['multistep:-1@30', /learning rate must be a finite number >= 0, got -1/],
    ['step:135,90', /milestones must increase strictly, got 135 then 90/],
    ['step:90,90', /milestones must increase strictly, got 90 then 90/],
    ['step:90.5', /integers >= 0/],
    ['exponential:0.9', /unknown schedule kind 'exponential'/],
    ['warmup:0.01@400', /warmup needs the schedule it hands over to/],
    ['step:90,neon', /'step' must come last/],
    ['warmup:0.01@0,neon', /steps: must be an integer >= 1, got 0/],
    ['constant:fast', /got "fast"/],
    ['constant:1e400', /lr: a learning rate must be a finite number >= 0, got "1e400"$/],
    ['step:90,1e400', /milestones must be a list of epochs \(integers >= 0\), got \[90,"1e400"\]$/],
    ['multistep:0.1', /does not read as multistep:LR\[\*FACTOR\]@EPOCH/],
    ['onecycle:0.4~1', /pctStart: must be a number strictly between 0 and 1/],
    ['', /empty schedule/],
    ['90,135', /expected a schedule kind at the start/],
  ])('%s', (text, message) => {
    const result = parseSchedule(text);
    expect(E.isLeft(result) && result.left).toMatch(message);
    expect(E.isLeft(result) && result.left).not.toContain('\n');
  });
});
