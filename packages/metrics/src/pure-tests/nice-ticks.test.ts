import { describe, expect, it } from 'vitest';
import { fixedAxis, niceAxis, niceStep } from '../pure/nice-ticks.ts';

describe('axis ticks', () => {
  it('steps on a 1-2-5 grid', () => {
    expect([niceStep(10, 5), niceStep(180, 8), niceStep(0.7, 6), niceStep(33, 5)]).toEqual([2, 50, 0.2, 10]);
  });

  it('widens a fitted axis to the ticks around the data, without float noise', () => {
    expect(niceAxis(0.3, 2.9, 6)).toEqual({ min: 0, max: 3, step: 0.5, ticks: [0, 0.5, 1, 1.5, 2, 2.5, 3] });
    expect(niceAxis(0.1, 0.7, 6).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('keeps a fixed (zoomed) range exactly, ticks inside it', () => {
    expect(fixedAxis(5, 11, 6)).toEqual({ min: 5, max: 11, step: 1, ticks: [5, 6, 7, 8, 9, 10, 11] });
  });

  it('gives a single value some span', () => {
    const axis = niceAxis(8, 8);
    expect(axis.min).toBeLessThan(8);
    expect(axis.max).toBeGreaterThan(8);
  });
});
