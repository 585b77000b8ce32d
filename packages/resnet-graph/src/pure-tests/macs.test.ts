import { describe, expect, it } from 'vitest';
import { macsPerImage, nodeMacs } from '../pure/macs.ts';
import { graphOf } from './test-graphs.ts';

describe('macsPerImage', () => {
  it('is about 41 M for ResNet-20: convolutions at 32, 16 and 8 pixels, projections and the affine', () => {
    const stem = 32 * 32 * 9 * 3 * 16;
    const stage1 = 32 * 32 * 9 * 16 * 16 * 6;
    const stage2 = 16 * 16 * 9 * (16 * 32 + 32 * 32 * 5);
    const stage3 = 8 * 8 * 9 * (32 * 64 + 64 * 64 * 5);
    const projections = 16 * 16 * 16 * 32 + 8 * 8 * 32 * 64;
    const macs = macsPerImage(graphOf({ n: 3 }));
    expect(macs).toBe(stem + stage1 + stage2 + stage3 + projections + 64 * 10);
    expect(Math.round(macs / 1e6)).toBe(41);
  });

  it('grows linearly with n (ResNet-110 is about 253 M)', () => {
    const [a, b, c] = [1, 2, 18].map((n) => macsPerImage(graphOf({ n })));
    expect(Math.round((c ?? 0) / 1e6)).toBe(253);
    expect((c ?? 0) - (a ?? 0)).toBe(17 * ((b ?? 0) - (a ?? 0)));
  });

  it('counts nothing for the parameter-free zero-pad shortcut', () => {
    const macs = nodeMacs(graphOf({ n: 1, shortcut: 'zero-pad' }));
    expect(macs.get('stage2/block0/pad')).toBe(0);
    expect(macs.get('stage2/block0/conv1')).toBe(16 * 16 * 9 * 16 * 32);
  });
});
