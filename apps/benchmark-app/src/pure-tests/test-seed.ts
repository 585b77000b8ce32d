/** A fresh seed per run, printed so a failure can be replayed with BENCH_TEST_SEED; uniform [0, 1) from it (mulberry32). */
export const seededUniform = (label: string): (() => number) => {
  const fromEnv = Number(process.env['BENCH_TEST_SEED']);
  const seed = Number.isSafeInteger(fromEnv) && fromEnv !== 0 ? fromEnv : (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0;
  console.log(`${label}: seed ${seed} (replay with BENCH_TEST_SEED=${seed})`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 2 ** 32;
  };
};
