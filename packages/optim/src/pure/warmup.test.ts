import { describe, expect, it } from 'vitest';
import { constant } from './constant.ts';
import { neonStep } from './multi-step.ts';
import { linearWarmup, warmup } from './warmup.ts';

const at = (globalStep: number, stepsPerEpoch = 391) =>
  [Math.floor(globalStep / stepsPerEpoch), { stepInEpoch: globalStep % stepsPerEpoch, stepsPerEpoch }] as const;

describe('warmup (He et al., 110 layers)', () => {
  const he = warmup(0.01, 400, neonStep);

  it('runs at 0.01 for updates 0..399 and at 0.1 from update 400, across the epoch boundary', () => {
    expect([0, 390, 391, 399].map((s) => he(...at(s)))).toEqual([0.01, 0.01, 0.01, 0.01]);
    expect(he(...at(400))).toBeCloseTo(0.1, 12);
  });

  it('hands over to the wrapped schedule, milestones included', () => {
    expect(he(90, { stepInEpoch: 0, stepsPerEpoch: 391 })).toBeCloseTo(0.01, 12);
    expect(he(135, { stepInEpoch: 5, stepsPerEpoch: 391 })).toBeCloseTo(0.001, 12);
  });

  it('refuses to guess the step count from the epoch alone', () => {
    expect(() => he(1)).toThrow(/counts steps/);
  });
});

describe('linearWarmup', () => {
  const ramp = linearWarmup(0.02, 100, constant(0.1));

  it('rises linearly from its start to the wrapped rate, then follows it', () => {
    expect(ramp(...at(0, 30))).toBeCloseTo(0.02, 12);
    expect(ramp(...at(50, 30))).toBeCloseTo(0.06, 12);
    expect(ramp(...at(99, 30))).toBeCloseTo(0.02 + 0.08 * 0.99, 12);
    expect(ramp(...at(100, 30))).toBeCloseTo(0.1, 12);
  });
});
