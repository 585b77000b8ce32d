/** A seeded stream of floats (mulberry32), so a failing random test can be replayed from its printed seed. */
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

/** A fresh seed per run unless TEST_SEED replays one; printed so a failure can be reproduced. */
export const testSeed = (label: string): number => {
  const fromEnv = Number(process.env['TEST_SEED']);
  const seed = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31) + 1;
  console.info(`[${label}] seed ${seed} (replay with TEST_SEED=${seed})`);
  return seed;
};

/** Values uniform in [-1, -0.05] U [0.05, 1]: never zero, so no product silently vanishes. */
export const randomValues = (next: () => number, size: number): Float32Array => {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const magnitude = 0.05 + 0.95 * next();
    out[i] = next() < 0.5 ? -magnitude : magnitude;
  }
  return out;
};

/** Largest |a - b| divided by the largest |b|: the error measure the kernel tests bound. */
export const relativeError = (actual: ArrayLike<number>, reference: ArrayLike<number>): number => {
  if (actual.length !== reference.length) return Infinity;
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < reference.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs((actual[i] as number) - (reference[i] as number)));
    maxRef = Math.max(maxRef, Math.abs(reference[i] as number));
  }
  return maxRef === 0 ? maxDiff : maxDiff / maxRef;
};
