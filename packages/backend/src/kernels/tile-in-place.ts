import type * as tf from '@tensorflow/tfjs';

/**
 * Tiles `x` (of `shape`) by `reps` into `out`, which must hold the tiled size. Works in place:
 * x is copied to the front of `out`, then each axis, innermost first, is repeated by block
 * copies from the back so no block is overwritten before it is read.
 */
export const tileInPlace = (
  x: tf.TypedArray,
  shape: readonly number[],
  reps: readonly number[],
  out: tf.TypedArray,
): void => {
  out.set(x);
  let inner = 1; // size of one element of the current axis, in the partly tiled layout
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const dim = shape[axis] ?? 1;
    const rep = reps[axis] ?? 1;
    const block = dim * inner;
    if (rep > 1) {
      let outer = 1;
      for (let i = 0; i < axis; i++) outer *= shape[i] ?? 1;
      repeatBlocks(out, outer, block, rep);
    }
    inner = block * rep;
  }
};

const repeatBlocks = (out: tf.TypedArray, outer: number, block: number, rep: number): void => {
  for (let o = outer - 1; o >= 0; o--) {
    const src = o * block;
    const dst = o * block * rep;
    for (let k = rep - 1; k >= 0; k--) {
      const at = dst + k * block;
      if (at === src) continue;
      if (block < 16) for (let i = block - 1; i >= 0; i--) out[at + i] = out[src + i] as number;
      else out.copyWithin(at, src, src + block);
    }
  }
};
