import { expect, it } from 'vitest';
import { oneCycle } from './one-cycle.ts';

it('oneCycle starts at max/25, peaks at max after pctStart of the run, ends at max/25/1e4', () => {
  const schedule = oneCycle(0.4, 100);
  expect(schedule(0)).toBeCloseTo(0.016, 12);
  expect(schedule(30)).toBeCloseTo(0.4, 12);
  expect(schedule(100)).toBeCloseTo(0.016 / 1e4, 15);
  expect(schedule(120)).toBeCloseTo(0.016 / 1e4, 15);
});

it('oneCycle rises strictly, then falls strictly', () => {
  const schedule = oneCycle(0.4, 10, { pctStart: 0.25, divFactor: 10, finalDivFactor: 100 });
  const lrs = Array.from({ length: 101 }, (_, i) => schedule(Math.floor(i / 10), { stepInEpoch: i % 10, stepsPerEpoch: 10 }));
  const peak = lrs.indexOf(Math.max(...lrs));
  expect(peak).toBe(25);
  lrs.slice(1, peak + 1).forEach((lr, i) => expect(lr).toBeGreaterThan(lrs[i] ?? Infinity));
  lrs.slice(peak + 1).forEach((lr, i) => expect(lr).toBeLessThan(lrs[peak + i] ?? -Infinity));
});
