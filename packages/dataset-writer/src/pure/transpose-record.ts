/**
 * CHW planes -> interleaved HWC, four pixels (three 32-bit words out) per step instead of one
 * byte per closure call: this loop is what keeps writing 60,000 images under a second.
 * Words are little-endian (checked once below); a big-endian host takes the byte path.
 */
const PLANE_WORDS = 256;

type Sums = [number, number, number];

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Sum of the four bytes of each word, two lanes at a time; lanes cannot overflow over 256 words. */
const laneTotal = (even: number, odd: number): number =>
  (even & 0xffff) + (even >>> 16) + (odd & 0xffff) + (odd >>> 16);

const transposeWords = (src: Uint32Array, out: Uint32Array, outWord: number, sums: Sums): void => {
  let rEven = 0, rOdd = 0, gEven = 0, gOdd = 0, bEven = 0, bOdd = 0;
  for (let k = 0; k < PLANE_WORDS; k++) {
    const r = src[k]!;
    const g = src[PLANE_WORDS + k]!;
    const b = src[2 * PLANE_WORDS + k]!;
    const o = outWord + 3 * k;
    out[o] = (r & 0xff) | ((g & 0xff) << 8) | ((b & 0xff) << 16) | ((r & 0xff00) << 16);
    out[o + 1] = ((g >>> 8) & 0xff) | (b & 0xff00) | (r & 0xff0000) | ((g & 0xff0000) << 8);
    out[o + 2] = ((b >>> 16) & 0xff) | ((r >>> 24) << 8) | ((g >>> 24) << 16) | (b & 0xff000000);
    rEven += r & 0xff00ff; rOdd += (r >>> 8) & 0xff00ff;
    gEven += g & 0xff00ff; gOdd += (g >>> 8) & 0xff00ff;
    bEven += b & 0xff00ff; bOdd += (b >>> 8) & 0xff00ff;
  }
  sums[0] += laneTotal(rEven, rOdd);
  sums[1] += laneTotal(gEven, gOdd);
  sums[2] += laneTotal(bEven, bOdd);
};

const transposeBytes = (src: Uint32Array, out: Uint32Array, outWord: number, sums: Sums): void => {
  const planes = new Uint8Array(src.buffer, src.byteOffset, 3 * 1024);
  const dest = new Uint8Array(out.buffer, out.byteOffset + outWord * 4, 3 * 1024);
  for (let p = 0; p < 1024; p++) {
    for (let c = 0; c < 3; c++) {
      const v = planes[c * 1024 + p]!;
      dest[3 * p + c] = v;
      sums[c as 0 | 1 | 2] += v;
    }
  }
};

/**
 * Transposes one record's 3072 pixel bytes (`src`, as 768 aligned words: R, G, B planes) into
 * `out` from word `outWord` on, and adds the image's R, G, B pixel sums into `sums`.
 */
export const transposeRecord: (src: Uint32Array, out: Uint32Array, outWord: number, sums: Sums) => void =
  littleEndian ? transposeWords : transposeBytes;
