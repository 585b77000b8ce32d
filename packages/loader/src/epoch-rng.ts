import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { epochSeed32 } from './pure/rng.ts';

/**
 * The generator of one epoch, derived from (seed, epoch) alone so that a resumed run regenerates
 * exactly the epoch it stopped in. The mix spreads neighbouring seeds and epochs apart before
 * xoroshiro128+, whose first outputs are otherwise correlated for similar seeds.
 */
export const epochRng = (seed: number, epoch: number): JumpableRandomGenerator =>
  xoroshiro128plus(epochSeed32(seed, epoch));
