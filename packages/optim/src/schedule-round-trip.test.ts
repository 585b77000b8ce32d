import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { formatSchedule, parseSchedule, type ScheduleSpec } from './pure/index.ts';
import { testSeed } from '@resnet-cifar/test-support';

// Outside pure/ only because it draws a printed seed from the environment (TEST_SEED).

const lr = fc.oneof(fc.constantFrom(0, 0.1, 0.01, 1e-4), fc.double({ min: 1e-6, max: 10, noNaN: true }));
const base: fc.Arbitrary<ScheduleSpec> = fc.oneof(
  fc.record({ kind: fc.constant('constant' as const), lr }),
  fc.record({
    kind: fc.constant('multistep' as const),
    lr,
    milestones: fc.uniqueArray(fc.nat(500), { minLength: 1, maxLength: 4 }).map((ms) => [...ms].sort((a, b) => a - b)),
    factor: fc.oneof(fc.constant(0.1), fc.double({ min: 1e-3, max: 1, noNaN: true })),
  }),
  fc.record({ kind: fc.constant('cosine' as const), lr, epochs: fc.integer({ min: 1, max: 400 }), minLr: lr }),
  fc.record({
    kind: fc.constant('onecycle' as const),
    maxLr: lr,
    epochs: fc.integer({ min: 1, max: 400 }),
    pctStart: fc.oneof(fc.constant(0.3), fc.double({ min: 0.01, max: 0.99, noNaN: true })),
  }),
);
const spec: fc.Arbitrary<ScheduleSpec> = fc
  .tuple(fc.array(fc.record({ lr, steps: fc.integer({ min: 1, max: 5000 }), ramp: fc.constantFrom('constant' as const, 'linear' as const) }), { maxLength: 2 }), base)
  .map(([warmups, inner]) => warmups.reduceRight<ScheduleSpec>((then, w) => ({ kind: 'warmup', ...w, then }), inner));

it('formatSchedule writes a compact form that parses back to the same spec', () => {
  const seed = testSeed('schedule round trip');
  fc.assert(
    fc.property(spec, (s) => {
      expect(parseSchedule(formatSchedule(s))).toEqual(E.right(s));
    }),
    { seed, numRuns: 300 },
  );
});
