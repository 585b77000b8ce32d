import { map, type OperatorFunction } from 'rxjs';
import { flipImage } from '../pure/image-stages.ts';
import { uniformInt, type Rng } from '../pure/rng.ts';
import type { ImageRecord } from './image-record.ts';

/**
 * Mirrors images left to right: with probability 1/2 per image when given a generator (training),
 * or every image with 'always' (flip test-time augmentation).
 */
export const flip = (rng: Rng | 'always'): OperatorFunction<ImageRecord, ImageRecord> =>
  map((r) =>
    rng === 'always' || uniformInt(rng, 2) === 1 ? { ...r, pixels: flipImage(r.pixels) } : r,
  );
