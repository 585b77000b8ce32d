/** A fresh seed per run, printed so a failure can be replayed with METRICS_TEST_SEED. */
export const testSeed = (label: string): number => {
  const fromEnv = Number(process.env['METRICS_TEST_SEED']);
  const seed = Number.isSafeInteger(fromEnv) && fromEnv !== 0 ? fromEnv : (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0;
  console.log(`${label}: seed ${seed} (replay with METRICS_TEST_SEED=${seed})`);
  return seed;
};
