/**
 * The random source the pure stages draw from. It is the shape of a pure-rand `RandomGenerator`
 * (`next()` returns a uniform int32), declared here so pure code imports nothing but itself.
 * Drawing advances the generator: callers `clone()` it when they need to replay the draws.
 */
export interface Rng {
  readonly next: () => number;
}

const TWO_32 = 0x1_0000_0000;

/**
 * Uniform integer in [0, n) for 1 <= n <= 2^32, without modulo bias: draws above the largest
 * multiple of n are rejected (at most a 50% rejection rate, far less for the small n used here).
 */
export const uniformInt = (rng: Rng, n: number): number => {
  const limit = TWO_32 - (TWO_32 % n);
  let r = rng.next() >>> 0;
  while (r >= limit) r = rng.next() >>> 0;
  return r % n;
};

/** Mixes (seed, epoch) into one 32-bit seed; a bijection in epoch for a fixed seed. */
export const epochSeed32 = (seed: number, epoch: number): number => {
  const lo = seed | 0;
  const hi = Math.floor(seed / TWO_32) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(epoch | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h | 0;
};
