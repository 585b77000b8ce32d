import { expect, it } from 'vitest';
import { gatedSchedule, updateGate, warming, type WarmupGate } from './error-gated-warmup.ts';
import { neonStep } from './multi-step.ts';

it('He et al.: lr 0.01 until the training error first falls under 80%, then 0.1 for good', () => {
  const observed = [0.9, 0.85, 0.81, 0.79, 0.83, 0.7];
  const gates = observed.reduce<WarmupGate[]>((acc, error, i) => [...acc, updateGate(0.8)(acc[acc.length - 1] ?? warming, error, i * 50)], []);
  const lrs = gates.map((gate) => gatedSchedule(0.01, neonStep)(gate)(0));
  expect(lrs.map((lr) => lr.toFixed(3))).toEqual(['0.010', '0.010', '0.010', '0.100', '0.100', '0.100']);
  expect(gates[5]).toEqual({ _tag: 'Released', atStep: 150 });
});
