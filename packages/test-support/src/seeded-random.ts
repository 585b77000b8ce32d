/** A seeded stream of floats in [0, 1) (mulberry32): the same seed gives the same inputs. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Uniform in [-1, -0.05] U [0.05, 1]: never zero, so no term of a sum or product silently vanishes. */
export const nonZero = (next: () => number): number => {
  const magnitude = 0.05 + 0.95 * next();
  return next() < 0.5 ? -magnitude : magnitude;
};

export const nonZeroValues = (next: () => number, size: number): Float32Array => Float32Array.from({ length: size }, () => nonZero(next));
