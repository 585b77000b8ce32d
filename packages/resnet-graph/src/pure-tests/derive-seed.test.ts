import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../pure/derive-seed.ts';
import { parameters } from '../pure/parameters.ts';
import { graphOf } from './test-graphs.ts';

describe('deriveSeed', () => {
  it('is a pure function of (seed, name)', () => {
    expect(deriveSeed(42, 'stage2/block0/conv1/weights')).toBe(deriveSeed(42, 'stage2/block0/conv1/weights'));
    expect(deriveSeed(42, 'stage2/block0/conv1/weights')).not.toBe(deriveSeed(43, 'stage2/block0/conv1/weights'));
  });

  it('gives every parameter of ResNet-110 its own non-zero 32-bit seed', () => {
    const names = parameters(graphOf({ n: 18 })).map((p) => p.name);
    const seeds = names.map((name) => deriveSeed(7, name));
    expect(new Set(seeds).size).toBe(names.length);
    expect(seeds.every((seed) => Number.isInteger(seed) && seed > 0 && seed < 2 ** 32)).toBe(true);
  });
});
