/** The largest seed drawn; pure-rand, mulberry32 and tfjs's seeded ops all take it as it is. */
const MAX_SEED = 2 ** 31 - 1;

/**
 * The seed of a test's random inputs: TEST_SEED when set (to replay a failure), else a fresh one.
 * Printed either way, so that every failure can be replayed: `TEST_SEED=<seed> npx vitest run <file>`.
 */
export const testSeed = (label: string, env: Readonly<Record<string, string | undefined>> = process.env): number => {
  const replay = env['TEST_SEED'];
  const seed = replay === undefined || replay === '' ? 1 + Math.floor(Math.random() * MAX_SEED) : Number(replay);
  if (!Number.isInteger(seed) || seed < 1 || seed > MAX_SEED) {
    throw new Error(`TEST_SEED='${replay}' is not a seed: give an integer in 1..${MAX_SEED}, as a test printed it`);
  }
  console.log(`[${label}] seed ${seed} (replay with TEST_SEED=${seed})`);
  return seed;
};
