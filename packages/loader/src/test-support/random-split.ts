import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { IMAGE_BYTES, type Split } from '../pure/split.ts';

/** A split of `count` random images (never all zero) with random labels and a plausible mean. */
export const randomSplit = (seed: number, count: number): Split => {
  const rng = xoroshiro128plus(seed);
  const images = new Uint8Array(count * IMAGE_BYTES);
  for (let i = 0; i < images.length; i++) images[i] = rng.next() & 0xff;
  const labels = Uint8Array.from({ length: count }, () => (rng.next() >>> 0) % 10);
  return { images, labels, count, mean: [125.3, 122.9, 113.9] };
};
