import { expect, it } from 'vitest';
import { cosine } from './cosine.ts';

it('cosine starts at lr, halves at mid-run, ends and stays at minLr', () => {
  const schedule = cosine(0.1, 180, 0.002);
  expect(schedule(0)).toBeCloseTo(0.1, 12);
  expect(schedule(90)).toBeCloseTo(0.051, 12);
  expect(schedule(180)).toBeCloseTo(0.002, 12);
  expect(schedule(250)).toBeCloseTo(0.002, 12);
});

it('cosine moves within an epoch when given the step', () => {
  const schedule = cosine(1, 2);
  expect(schedule(0, { stepInEpoch: 1, stepsPerEpoch: 2 })).toBeCloseTo((1 + Math.cos(Math.PI / 4)) / 2, 12);
  expect(schedule(0, { stepInEpoch: 1, stepsPerEpoch: 2 })).toBeLessThan(schedule(0));
});
