import { expect, it } from 'vitest';
import { isBatchNormParam } from './is-batch-norm-param.ts';

it('recognises batch-norm gamma and beta by the graph compiler names, nothing else', () => {
  expect(['stage1/block0/bn1/gamma', 'stage3/block8/bn2/beta', 'head/bn/gamma', 'gamma'].map(isBatchNormParam)).toEqual([true, true, true, true]);
  expect(['stage2/block0/conv1/weights', 'head/affine/weights', 'stage1/block0/bn1/gammas', 'stage1/beta_like'].map(isBatchNormParam)).toEqual([
    false,
    false,
    false,
    false,
  ]);
});
