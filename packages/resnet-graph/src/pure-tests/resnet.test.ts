import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parameterCounts } from '../pure/parameter-counts.ts';
import { resnet } from '../pure/resnet.ts';
import type { ResnetOptions } from '../pure/resnet-options.ts';
import type { Graph } from '../pure/graph.ts';

const build = (options: ResnetOptions): Graph => {
  const graph = resnet(options);
  if (E.isLeft(graph)) throw new Error(graph.left);
  return graph.right;
};

describe('resnet', () => {
  it('has 269,732 trainable parameters for n = 3: 268,336 weights plus 1,396 gammas and betas, and 2,560 fixed', () => {
    const graph = build({ n: 3 });
    expect(parameterCounts(graph)).toEqual({ trainable: 269_732, fixed: 2_560, running: 1_396, total: 273_688 });
  });

  it.each([
    [3, 20, 0.27],
    [5, 32, 0.46],
    [9, 56, 0.85],
    [18, 110, 1.7],
  ])('n = %i is ResNet-%i with the paper\'s %fM parameters', (n, layers, millions) => {
    const graph = build({ n });
    expect(graph.name).toBe(`resnet${layers}`);
    const digits = millions < 1 ? 2 : 1;
    expect(Number((parameterCounts(graph).trainable / 1e6).toFixed(digits))).toBe(millions);
  });

  it('counts exactly by the closed formula for other n', () => {
    for (const n of [1, 2, 7]) {
      const convs = 3 * 9 * 16 + 9 * 16 * 16 * 2 * n + 9 * 16 * 32 + 9 * 32 * 32 * (2 * n - 1) + 9 * 32 * 64 + 9 * 64 * 64 * (2 * n - 1);
      const bn = 2 * (16 + 16 * 2 * n + 32 * 2 * n + 64 * 2 * n + 10);
      expect(parameterCounts(build({ n })).trainable).toBe(convs + 640 + bn);
    }
  });

  it('zero-pad shortcuts have no parameters; conv shortcuts train a 1x1 conv and a batch norm', () => {
    const base = parameterCounts(build({ n: 3 }));
    expect(parameterCounts(build({ n: 3, shortcut: 'zero-pad' }))).toMatchObject({ trainable: base.trainable, fixed: 0 });
    const conv = parameterCounts(build({ n: 3, shortcut: 'conv' }));
    expect(conv.fixed).toBe(0);
    expect(conv.trainable).toBe(base.trainable + 16 * 32 + 32 * 64 + 2 * (32 + 64));
  });

  it('names nodes by position and marks the neon projection fixed', () => {
    const graph = build({ n: 2 });
    const projection = graph.nodes.find((node) => node.name === 'stage2/block0/projection');
    expect(projection).toMatchObject({ kind: 'conv', kernel: 1, stride: 2, init: 'identity', trainable: false, filters: 32 });
    expect(graph.nodes.map((node) => node.name)).toContain('stage3/block1/conv2');
    expect(graph.nodes.filter((node) => node.kind === 'conv' && node.init === 'identity')).toHaveLength(2);
  });

  it('drops the head batch norm on request, the softmax then reads the affine', () => {
    const graph = build({ n: 1, headBatchNorm: false });
    expect(graph.nodes.at(-1)).toMatchObject({ kind: 'softmax', inputs: ['head/dense'] });
    expect(graph.nodes.some((node) => node.name === 'head/bn')).toBe(false);
  });

  it.each([
    [{ n: 0 }, /n: expected PositiveInteger, got 0/],
    [{ n: 2.5 }, /n: expected PositiveInteger, got 2.5/],
    [{ n: '3' }, /n: expected PositiveInteger, got "3"/],
    [{}, /n: expected PositiveInteger, got undefined/],
    [{ n: 3, shortcut: 'projection' }, /shortcut: expected "identity-projection" \| "zero-pad" \| "conv"/],
    [{ n: 3, widths: [] }, /widths must list at least one/],
    [{ n: 3, inputShape: [30, 30, 3] }, /divisible by 4/],
  ])('rejects %j as a Left with a one-line reason', (options, message) => {
    const result = resnet(options as ResnetOptions);
    expect(E.isLeft(result) && result.left).toMatch(message);
    expect(E.isLeft(result) && result.left.includes('\n')).toBe(false);
  });
});
