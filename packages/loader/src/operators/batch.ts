import { bufferCount, map, type OperatorFunction } from 'rxjs';
import type { Batch } from '../pure/batch.ts';
import type { ImageRecord } from './image-record.ts';

/** Groups float records into Batches of `size` (the last one partial), numbering steps from 0. */
export const batch = (
  size: number,
  epoch: number,
): OperatorFunction<ImageRecord<Float32Array>, Batch> => (source) =>
  source.pipe(
    bufferCount(size),
    map((group, step) => {
      const n = group.length;
      const imageLength = group[0]?.pixels.length ?? 0;
      const images = new Float32Array(n * imageLength);
      group.forEach((r, k) => images.set(r.pixels, k * imageLength));
      const labels = Int32Array.from(group, (r) => r.label);
      const indices = Int32Array.from(group, (r) => r.index);
      return { images, labels, indices, epoch, step, size: n };
    }),
  );
