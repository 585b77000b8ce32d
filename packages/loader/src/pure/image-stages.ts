import type { Padding } from './loader-options.ts';
import { BORDER_BYTES, BORDER_STRIDE, padBorders } from './pad-borders.ts';

/**
 * The augmentation stages one image at a time, each a plain function of HWC uint8 pixels. They are
 * the readable definition; `augmentInto` fuses them into one pass and is tested against them.
 */
const SIDE = 32;
export const PAD = 4;
export const PADDED_SIDE = SIDE + 2 * PAD;

const borderValue = (borders: Uint8Array, c: number, py: number, px: number): number => {
  const o = c * BORDER_STRIDE;
  const rowInside = py >= PAD && py < PAD + SIDE;
  const colInside = px >= PAD && px < PAD + SIDE;
  if (!rowInside && colInside) return borders[o + px - PAD] as number;
  if (rowInside && !colInside) return borders[o + SIDE + py - PAD] as number;
  return borders[o + 2 * SIDE] as number;
};

/** 32x32x3 -> 40x40x3 with numpy `mode='mean'` borders (neon) or zeros (black, before the mean). */
export const padImage = (image: Uint8Array, padding: Padding): Uint8Array => {
  const borders = padBorders(image, 0, padding, new Uint8Array(BORDER_BYTES));
  const out = new Uint8Array(PADDED_SIDE * PADDED_SIDE * 3);
  for (let py = 0; py < PADDED_SIDE; py++) {
    for (let px = 0; px < PADDED_SIDE; px++) {
      const inside = py >= PAD && py < PAD + SIDE && px >= PAD && px < PAD + SIDE;
      for (let c = 0; c < 3; c++) {
        out[(py * PADDED_SIDE + px) * 3 + c] = inside
          ? (image[((py - PAD) * SIDE + px - PAD) * 3 + c] as number)
          : borderValue(borders, c, py, px);
      }
    }
  }
  return out;
};

/** The 32x32 window of a 40x40 padded image whose top-left corner is (x, y), both in 0..8. */
export const cropImage = (padded: Uint8Array, x: number, y: number): Uint8Array => {
  const out = new Uint8Array(SIDE * SIDE * 3);
  for (let r = 0; r < SIDE; r++) {
    const from = ((r + y) * PADDED_SIDE + x) * 3;
    out.set(padded.subarray(from, from + SIDE * 3), r * SIDE * 3);
  }
  return out;
};

/** Mirrors a 32x32x3 image left to right. */
export const flipImage = (image: Uint8Array): Uint8Array => {
  const out = new Uint8Array(image.length);
  for (let r = 0; r < SIDE; r++) {
    for (let q = 0; q < SIDE; q++) {
      for (let c = 0; c < 3; c++) {
        out[(r * SIDE + q) * 3 + c] = image[(r * SIDE + SIDE - 1 - q) * 3 + c] as number;
      }
    }
  }
  return out;
};

/** uint8 HWC -> float32 minus the per-channel mean; no division by a standard deviation (neon). */
export const subtractMeanImage = (
  image: Uint8Array,
  mean: readonly [number, number, number],
): Float32Array => {
  const out = new Float32Array(image.length);
  for (let i = 0; i < image.length; i++) out[i] = (image[i] as number) - mean[i % 3]!;
  return out;
};
