import { expect, it } from 'vitest';
import { constant } from './constant.ts';

it('constant gives its rate at every epoch and step', () => {
  const schedule = constant(0.05);
  expect([schedule(0), schedule(179), schedule(3, { stepInEpoch: 7, stepsPerEpoch: 10 })]).toEqual([0.05, 0.05, 0.05]);
});
