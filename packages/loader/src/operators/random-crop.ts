import { map, type OperatorFunction } from 'rxjs';
import { cropImage, PAD } from '../pure/image-stages.ts';
import { CROP_CHOICES } from '../pure/epoch-plan.ts';
import { uniformInt, type Rng } from '../pure/rng.ts';
import type { ImageRecord } from './image-record.ts';

/** A 32x32 window of each padded image at x then y drawn uniformly in 0..8 (neon's training crop). */
export const randomCrop = (rng: Rng): OperatorFunction<ImageRecord, ImageRecord> =>
  map((r) => {
    const x = uniformInt(rng, CROP_CHOICES);
    const y = uniformInt(rng, CROP_CHOICES);
    return { ...r, pixels: cropImage(r.pixels, x, y) };
  });

/** The centre window: what evaluation sees, the original image. */
export const centreCrop = (): OperatorFunction<ImageRecord, ImageRecord> =>
  map((r) => ({ ...r, pixels: cropImage(r.pixels, PAD, PAD) }));
