import { uniformInt, type Rng } from './rng.ts';

/** Fisher-Yates: a uniform permutation of 0..n-1 drawn from `rng` (n - 1 draws). */
export const permutation = (rng: Rng, n: number): Int32Array => {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return shuffleInPlace(rng, order);
};

/** Shuffles `values` in place and returns it; the same draws as `permutation` for the same length. */
export const shuffleInPlace = <A extends { [i: number]: number; length: number }>(
  rng: Rng,
  values: A,
): A => {
  for (let i = values.length - 1; i > 0; i--) {
    const j = uniformInt(rng, i + 1);
    const v = values[i] as number;
    values[i] = values[j] as number;
    values[j] = v;
  }
  return values;
};
