export { nonZero, nonZeroValues, seededRandom } from './seeded-random.ts';
export { testSeed } from './test-seed.ts';
export { canMountTmpfs } from './tmpfs.ts';
