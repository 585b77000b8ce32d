import { map, type OperatorFunction } from 'rxjs';
import { subtractMeanImage } from '../pure/image-stages.ts';
import type { ImageRecord } from './image-record.ts';

/** uint8 -> float32 minus the per-channel training mean (no division by a standard deviation). */
export const subtractMean = (
  mean: readonly [number, number, number],
): OperatorFunction<ImageRecord, ImageRecord<Float32Array>> =>
  map((r) => ({ ...r, pixels: subtractMeanImage(r.pixels, mean) }));
