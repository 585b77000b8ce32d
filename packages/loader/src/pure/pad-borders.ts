import type { Padding } from './loader-options.ts';

const SIDE = 32;
/** Per channel: 32 column means (top/bottom rows), 32 row means (left/right columns), 1 corner. */
export const BORDER_STRIDE = 2 * SIDE + 1;
export const BORDER_BYTES = 3 * BORDER_STRIDE;

/** numpy's `np.around(sum / 32)` for the uint8 images neon padded: halves go to the even neighbour. */
const roundMean32 = (sum: number): number => {
  const q = sum >> 5;
  const r = sum & 31;
  return r > 16 || (r === 16 && (q & 1) === 1) ? q + 1 : q;
};

/**
 * The values numpy's `np.pad(img, ((0,0),(4,4),(4,4)), mode='mean')` puts around one uint8 CHW
 * image, written into `out` (BORDER_BYTES long) for the HWC image at `base` of `images`.
 * numpy pads the rows first (column means over the original rows), then the columns over all
 * rows, so a corner is the rounded mean of the already rounded column means.
 */
export const padBorders = (
  images: Uint8Array,
  base: number,
  padding: Padding,
  out: Uint8Array,
): Uint8Array => {
  if (padding === 'zero') return out.fill(0);
  // One sequential pass: column sums in a small array, row sums in registers.
  const colSums = new Int32Array(3 * SIDE);
  for (let i = 0, p = base; i < SIDE; i++) {
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    for (let j = 0; j < SIDE; j++, p += 3) {
      const v0 = images[p] as number;
      const v1 = images[p + 1] as number;
      const v2 = images[p + 2] as number;
      r0 += v0;
      r1 += v1;
      r2 += v2;
      colSums[j] = (colSums[j] as number) + v0;
      colSums[SIDE + j] = (colSums[SIDE + j] as number) + v1;
      colSums[2 * SIDE + j] = (colSums[2 * SIDE + j] as number) + v2;
    }
    out[SIDE + i] = roundMean32(r0);
    out[BORDER_STRIDE + SIDE + i] = roundMean32(r1);
    out[2 * BORDER_STRIDE + SIDE + i] = roundMean32(r2);
  }
  for (let c = 0; c < 3; c++) {
    let corner = 0;
    for (let j = 0; j < SIDE; j++) {
      const m = roundMean32(colSums[c * SIDE + j] as number);
      out[c * BORDER_STRIDE + j] = m;
      corner += m;
    }
    out[c * BORDER_STRIDE + 2 * SIDE] = roundMean32(corner);
  }
  return out;
};

/** The borders of every image of a split, `BORDER_BYTES` per record, written into `out`. */
export const fillBorderTable = (images: Uint8Array, count: number, out: Uint8Array): Uint8Array => {
  const one = new Uint8Array(BORDER_BYTES);
  for (let i = 0; i < count; i++) {
    out.set(padBorders(images, i * SIDE * SIDE * 3, 'mean', one), i * BORDER_BYTES);
  }
  return out;
};
