import { describe, expect, it } from 'vitest';
import { cropImage, flipImage, padImage, PADDED_SIDE, subtractMeanImage } from '../pure/image-stages.ts';

const SIDE = 32;
const at = (img: Uint8Array | Float32Array, side: number, r: number, q: number, c: number) =>
  img[(r * side + q) * 3 + c];
const fromFormula = (f: (i: number, j: number, c: number) => number): Uint8Array => {
  const img = new Uint8Array(SIDE * SIDE * 3);
  for (let i = 0; i < SIDE; i++)
    for (let j = 0; j < SIDE; j++) for (let c = 0; c < 3; c++) img[(i * SIDE + j) * 3 + c] = f(i, j, c);
  return img;
};
const row = (img: Uint8Array, r: number) => Array.from(img.subarray(r * PADDED_SIDE * 3, (r + 1) * PADDED_SIDE * 3));
const column = (img: Uint8Array, q: number) =>
  Array.from({ length: PADDED_SIDE * 3 }, (_, k) => at(img, PADDED_SIDE, Math.floor(k / 3), q, k % 3));

// numpy 2.4: np.pad(chw, ((0,0),(4,4),(4,4)), mode='mean') of the uint8 image below, row 0 and column 0 (HWC).
const NUMPY_TOP = [124,127,127,124,127,127,124,127,127,124,127,127,110,130,128,127,132,129,152,150,138,130,127,132,132,120,118,125,130,127,134,132,120,120,117,138,130,134,124,131,128,133,132,122,126,118,123,136,128,132,130,97,150,75,122,128,124,116,121,142,126,130,128,135,132,129,120,126,130,114,127,140,132,120,134,125,130,127,126,116,112,128,125,130,122,126,132,131,128,125,132,122,126,118,131,128,136,132,122,121,126,131,138,128,116,44,81,134,124,127,127,124,127,127,124,127,127,124,127,127]; // prettier-ignore
const NUMPY_LEFT = [124,127,127,124,127,127,124,127,127,124,127,127,126,130,136,127,124,137,128,134,130,130,127,132,100,152,86,125,130,127,126,124,128,120,125,122,130,126,132,131,128,133,116,114,142,126,131,128,128,124,130,129,118,107,114,120,140,124,121,126,134,122,120,119,132,129,120,134,138,122,135,132,124,136,126,125,130,127,30,84,136,152,133,122,146,134,116,131,128,117,132,122,118,126,123,128,120,124,130,121,126,131,138,136,132,132,129,126,124,127,127,124,127,127,124,127,127,124,127,127]; // prettier-ignore

describe('padImage (mean) matches numpy mode=mean on uint8 images', () => {
  it('gives column means above and below, row means beside, and the mean of column means in corners', () => {
    // Red column j holds 8j in every row: column mean 8j, every row mean 124, corners 124.
    const padded = padImage(fromFormula((i, j, c) => (c === 0 ? 8 * j : 1 + ((i + j + c) % 5))), 'mean');
    expect(at(padded, PADDED_SIDE, 0, 4 + 5, 0)).toBe(40);
    expect(at(padded, PADDED_SIDE, 39, 4 + 31, 0)).toBe(248);
    expect(at(padded, PADDED_SIDE, 17, 0, 0)).toBe(124);
    expect(at(padded, PADDED_SIDE, 0, 0, 0)).toBe(124);
    expect(at(padded, PADDED_SIDE, 39, 39, 0)).toBe(124);
  });

  it('rounds means half to even like np.around (0.5 -> 0, 1.5 -> 2, 2.5 -> 2)', () => {
    // Column j alternates rows between lo and lo + 1 with lo = j % 3: means 0.5, 1.5, 2.5.
    const padded = padImage(fromFormula((i, j) => (j % 3) + (i % 2)), 'mean');
    expect([4, 5, 6].map((q) => at(padded, PADDED_SIDE, 0, q, 1))).toEqual([0, 2, 2]);
    // Row means: row i holds (j % 3) + (i % 2): sum over j = 31 or 63; 31/32 -> 1, 63/32 -> 2.
    expect([4, 5].map((r) => at(padded, PADDED_SIDE, r, 0, 2))).toEqual([1, 2]);
  });

  it('reproduces numpy on a structured image, with every padded row and column equal to the outermost', () => {
    const padded = padImage(fromFormula((i, j, c) => (i * 37 + j * 101 + c * 53 + i * j * 7) % 256), 'mean');
    expect(row(padded, 0)).toEqual(NUMPY_TOP);
    expect(column(padded, 0)).toEqual(NUMPY_LEFT);
    for (const k of [1, 2, 3, 36, 37, 38, 39]) {
      expect(row(padded, k)).toEqual(NUMPY_TOP);
      expect(column(padded, k)).toEqual(NUMPY_LEFT);
    }
  });
});

describe('padImage, cropImage, flipImage, subtractMeanImage', () => {
  const image = fromFormula((i, j, c) => (i * 31 + j * 7 + c * 90 + 1) % 256);

  it('zero padding is a black border around the untouched image', () => {
    const padded = padImage(image, 'zero');
    expect(row(padded, 0).every((v) => v === 0)).toBe(true);
    expect(column(padded, 39).every((v) => v === 0)).toBe(true);
    expect(cropImage(padded, 4, 4)).toEqual(image);
  });

  it('crops the window at (x, y) of the padded image', () => {
    const padded = padImage(image, 'mean');
    const crop = cropImage(padded, 8, 1);
    expect(at(crop, SIDE, 3, 0, 2)).toBe(at(image, SIDE, 0, 4, 2));
    expect(at(crop, SIDE, 2, 27, 1)).toBe(at(padded, PADDED_SIDE, 3, 35, 1));
  });

  it('flips left to right, and twice is the identity', () => {
    const flipped = flipImage(image);
    expect(at(flipped, SIDE, 5, 0, 1)).toBe(at(image, SIDE, 5, 31, 1));
    expect(flipImage(flipped)).toEqual(image);
  });

  it('subtracts the per-channel mean in float32, without scaling', () => {
    const out = subtractMeanImage(image, [100.5, 20.25, 3]);
    expect(Array.from(out.subarray(0, 3))).toEqual([1 - 100.5, 91 - 20.25, 181 - 3]);
  });
});
