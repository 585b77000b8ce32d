import { Observable } from 'rxjs';
import { IMAGE_BYTES, type Split } from '../pure/split.ts';

/** One record flowing through the per-image stages: HWC pixels (32x32, or 40x40 after `pad`). */
export interface ImageRecord<P extends Uint8Array | Float32Array = Uint8Array> {
  readonly index: number;
  readonly label: number;
  readonly pixels: P;
}

/** The split's records in order, as copies, so stages may keep or mutate what they receive. */
export const records = (split: Split): Observable<ImageRecord> =>
  new Observable((subscriber) => {
    for (let i = 0; i < split.count && !subscriber.closed; i++) {
      const pixels = split.images.slice(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES);
      subscriber.next({ index: i, label: split.labels[i] as number, pixels });
    }
    subscriber.complete();
  });
