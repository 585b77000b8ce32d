import { describe, expect, it } from 'vitest';
import { multiStep, neonStep } from './multi-step.ts';

describe('neonStep', () => {
  it.each([
    [0, 0.1],
    [89, 0.1],
    [90, 0.01],
    [134, 0.01],
    [135, 0.001],
    [179, 0.001],
  ])('gives at epoch %i lr %f (x0.1 at 90 and 135, 0-indexed)', (epoch, lr) => {
    expect(neonStep(epoch)).toBeCloseTo(lr, 12);
  });

  it('changes only at epoch boundaries: the last step of epoch 89 still runs at 0.1', () => {
    expect(neonStep(89, { stepInEpoch: 390, stepsPerEpoch: 391 })).toBeCloseTo(0.1, 12);
    expect(neonStep(90, { stepInEpoch: 0, stepsPerEpoch: 391 })).toBeCloseTo(0.01, 12);
  });
});

describe('multiStep', () => {
  it('applies the factor once per milestone reached', () => {
    const schedule = multiStep(0.2, [30, 60, 80], 0.5);
    expect([0, 29, 30, 59, 60, 79, 80, 200].map((e) => schedule(e))).toEqual([0.2, 0.2, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });

  it('is constant without milestones', () => {
    expect(multiStep(0.3, [])(1000)).toBe(0.3);
  });
});
