import type { Padding } from './loader-options.ts';
import { PAD } from './image-stages.ts';
import { BORDER_BYTES, BORDER_STRIDE, padBorders } from './pad-borders.ts';

const SIDE = 32;
const ROW = SIDE * 3;
const IMAGE = SIDE * ROW;

/** What one batch needs: slot-aligned slices of an epoch plan, plus the split-wide settings. */
export interface AugmentJob {
  readonly order: Int32Array;
  readonly cropX: Uint8Array;
  readonly cropY: Uint8Array;
  readonly flip: Uint8Array;
  readonly padding: Padding;
  readonly mean: readonly [number, number, number];
  /** Optional `borderTable` of the whole split (mean padding), so the means are not recomputed. */
  readonly borders?: Uint8Array;
}

/** Writes `n` copies of one border pixel (minus the mean) from output offset `o`. */
const writeRun = (out: Float32Array, o: number, n: number, v0: number, v1: number, v2: number): void => {
  for (let end = o + 3 * n; o < end; o += 3) {
    out[o] = v0;
    out[o + 1] = v1;
    out[o + 2] = v2;
  }
};

/** Output columns q in [from, to) read source column a + d * q of row `src` (uint8 HWC offset). */
const copyRow = (
  images: Uint8Array, src: number, out: Float32Array, o: number, from: number, to: number,
  a: number, d: number, m: readonly [number, number, number],
): void => {
  const [m0, m1, m2] = m;
  for (let q = from, s = src + (a + d * from) * 3, step = 3 * d; q < to; q++, s += step, o += 3) {
    out[o] = (images[s] as number) - m0;
    out[o + 1] = (images[s + 1] as number) - m1;
    out[o + 2] = (images[s + 2] as number) - m2;
  }
};

/** A padded row (above or below the image): column means where the image is, corners beside it. */
const borderRow = (
  b: Uint8Array, bo: number, out: Float32Array, o: number, from: number, to: number,
  a: number, d: number, m: readonly [number, number, number],
): void => {
  const [m0, m1, m2] = m;
  for (let q = from, sx = bo + a + d * from; q < to; q++, sx += d) {
    const p = o + 3 * q;
    out[p] = (b[sx] as number) - m0;
    out[p + 1] = (b[BORDER_STRIDE + sx] as number) - m1;
    out[p + 2] = (b[2 * BORDER_STRIDE + sx] as number) - m2;
  }
};


/**
 * pad + crop + flip + subtractMean fused into one pass, for the hot path: output pixel (r, q)
 * reads padded pixel (r + y, x + (flip ? 31 - q : q)), that is source column sx = a + d * q of
 * source row r + y - 4, or a border value when either falls outside 0..31. The columns that hit
 * the image form one run [qLo, qHi) per image, so rows are copied without per-pixel tests.
 * Writes `order.length` images into `out` (NHWC float32); agrees bit for bit with the stages.
 */
export const augmentInto = (images: Uint8Array, job: AugmentJob, out: Float32Array): Float32Array => {
  const table = job.padding === 'mean' ? job.borders : undefined;
  const b = table ?? new Uint8Array(BORDER_BYTES);
  const m = job.mean;
  for (let k = 0; k < job.order.length; k++) {
    const base = (job.order[k] as number) * IMAGE;
    const x = job.cropX[k] as number;
    const y = job.cropY[k] as number;
    const bo = table === undefined ? 0 : (job.order[k] as number) * BORDER_BYTES;
    // The centre crop never reads a border, so evaluation skips the means.
    if (table === undefined && (x !== PAD || y !== PAD)) padBorders(images, base, job.padding, b);
    const d = job.flip[k] === 1 ? -1 : 1;
    const a = d === 1 ? x - PAD : SIDE - 1 + x - PAD;
    const qLo = d === 1 ? Math.max(0, -a) : Math.max(0, a - SIDE + 1);
    const qHi = d === 1 ? Math.min(SIDE, SIDE - a) : Math.min(SIDE, a + 1);
    for (let r = 0, o = k * IMAGE; r < SIDE; r++, o += ROW) {
      const sy = r + y - PAD;
      const inside = sy >= 0 && sy < SIDE;
      // Beside the image: that row's mean; beside a padded row: the corner.
      const at = bo + (inside ? SIDE + sy : 2 * SIDE);
      const v0 = (b[at] as number) - m[0];
      const v1 = (b[BORDER_STRIDE + at] as number) - m[1];
      const v2 = (b[2 * BORDER_STRIDE + at] as number) - m[2];
      writeRun(out, o, qLo, v0, v1, v2);
      if (inside) copyRow(images, base + sy * ROW, out, o + 3 * qLo, qLo, qHi, a, d, m);
      else borderRow(b, bo, out, o, qLo, qHi, a, d, m);
      writeRun(out, o + 3 * qHi, SIDE - qHi, v0, v1, v2);
    }
  }
  return out;
};
