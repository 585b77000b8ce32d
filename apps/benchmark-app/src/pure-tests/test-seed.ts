import prand from 'pure-rand';

/** A fresh seed per run, printed so a failure can be replayed with BENCH_TEST_SEED. */
export const seededUniform = (label: string): (() => number) => {
  const fromEnv = Number(process.env['BENCH_TEST_SEED']);
  const seed = Number.isSafeInteger(fromEnv) && fromEnv !== 0 ? fromEnv : (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0;
  console.log(`${label}: seed ${seed} (replay with BENCH_TEST_SEED=${seed})`);
  const rng = prand.xoroshiro128plus(seed);
  return () => prand.unsafeUniformIntDistribution(0, 2 ** 30 - 1, rng) / 2 ** 30;
};
