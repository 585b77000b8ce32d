import { map, type OperatorFunction } from 'rxjs';
import { padImage } from '../pure/image-stages.ts';
import type { Padding } from '../pure/loader-options.ts';
import type { ImageRecord } from './image-record.ts';

/** 32x32 -> 40x40: numpy `mode='mean'` borders as neon padded, or black (`zero`). */
export const pad = (padding: Padding): OperatorFunction<ImageRecord, ImageRecord> =>
  map((r) => ({ ...r, pixels: padImage(r.pixels, padding) }));
