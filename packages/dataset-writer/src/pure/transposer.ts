import { PIXEL_BYTES, RECORD_BYTES } from './record-format.ts';
import { transposeRecord } from './transpose-record.ts';
import { TRANSPOSE_WASM } from './transpose-wasm-module.ts';

export type Sums = [number, number, number];

/** Where one split's NHWC images are assembled, and the loop that fills them. */
export interface Transposer {
  readonly kind: 'wasm' | 'plain';
  /** `count` images of 3072 bytes, HWC each. */
  readonly images: Uint8Array;
  /** Transposes whole records (label byte first, skipped) into images from index `at` on; adds pixel sums. */
  readonly transpose: (records: Uint8Array, at: number, sums: Sums) => void;
  /** Room asked for by the caller in the same memory: records read into it are transposed without a copy. */
  readonly input?: Uint8Array;
}

/** Plain JavaScript, word by word (the fallback, and the reference the wasm path is tested against). */
export const plainTransposer = (count: number): Transposer => {
  // A fresh ArrayBuffer keeps the 4-byte alignment the word-wise transposition needs.
  const images = new Uint8Array(count * PIXEL_BYTES);
  const outWords = new Uint32Array(images.buffer);
  const scratch = new Uint8Array(PIXEL_BYTES);
  const scratchWords = new Uint32Array(scratch.buffer);
  const transpose = (records: Uint8Array, at: number, sums: Sums): void => {
    for (let record = 0; record < records.length / RECORD_BYTES; record++) {
      // The planes start at odd offsets; one memcpy into an aligned scratch lets us read words.
      scratch.set(records.subarray(record * RECORD_BYTES + 1, (record + 1) * RECORD_BYTES));
      transposeRecord(scratchWords, outWords, ((at + record) * PIXEL_BYTES) >> 2, sums);
    }
  };
  return { kind: 'plain', images, transpose };
};

// The slice of the WebAssembly JS API used here (the project's TypeScript libs do not declare it).
interface WasmApi {
  readonly validate: (bytes: Uint8Array) => boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => { readonly buffer: ArrayBufferLike };
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

// Undefined where WebAssembly or its SIMD is missing: the plain path takes over.
const wasmModule = wasm?.validate(TRANSPOSE_WASM) === true ? new wasm.Module(TRANSPOSE_WASM) : undefined;

/** Records per call: 1.5 MB (copied in when the records lie elsewhere), and 32-bit lane sums cannot overflow. */
const CHUNK_RECORDS = 512;
const SUMS_AT = CHUNK_RECORDS * RECORD_BYTES;
const IMAGES_AT = SUMS_AT + 48;
const PAGE = 65536;
const MAX_BYTES = 2 ** 32 - PAGE;

type Run = (src: number, count: number, dst: number, sums: number) => void;

const sharedMemory = (bytes: number): { readonly buffer: ArrayBufferLike } | undefined => {
  const pages = Math.ceil(bytes / PAGE);
  try {
    return wasm === undefined || bytes > MAX_BYTES ? undefined : new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return undefined; // no room for one more wasm memory: plain buffers may still fit
  }
};

/**
 * The wasm SIMD module on a memory of its own: [input chunk | 3 x i32x4 sums | images | input].
 * The images live in the wasm memory, so they are written to disk and hashed (by a worker: the
 * memory is shared) from there without a copy; records a reader put in `input` are transposed
 * where they lie. The memory is sized once and never grows, so the views stay valid.
 */
export const wasmTransposer = (count: number, inputBytes = 0): Transposer | undefined => {
  const inputAt = IMAGES_AT + count * PIXEL_BYTES;
  const memory = wasmModule === undefined ? undefined : sharedMemory(inputAt + inputBytes);
  if (wasm === undefined || wasmModule === undefined || memory === undefined) return undefined;
  const run = new wasm.Instance(wasmModule, { env: { memory } }).exports['transpose'] as Run;
  const { buffer } = memory;
  const heap = new Uint8Array(buffer);
  const laneSums = new Uint32Array(buffer, SUMS_AT, 12);
  const transpose = (records: Uint8Array, at: number, sums: Sums): void => {
    const total = records.length / RECORD_BYTES;
    for (let first = 0; first < total; first += CHUNK_RECORDS) {
      const n = Math.min(CHUNK_RECORDS, total - first);
      let src = records.byteOffset + first * RECORD_BYTES;
      if (records.buffer !== buffer) {
        heap.set(records.subarray(first * RECORD_BYTES, (first + n) * RECORD_BYTES), 0);
        src = 0;
      }
      run(src, n, IMAGES_AT + (at + first) * PIXEL_BYTES, SUMS_AT);
      for (let c = 0; c < 3; c++) sums[c as 0 | 1 | 2] += laneSums[4 * c]! + laneSums[4 * c + 1]! + laneSums[4 * c + 2]! + laneSums[4 * c + 3]!;
    }
  };
  const images = new Uint8Array(buffer, IMAGES_AT, count * PIXEL_BYTES);
  return { kind: 'wasm', images, transpose, ...(inputBytes > 0 ? { input: new Uint8Array(buffer, inputAt, inputBytes) } : {}) };
};

/** The wasm path where it runs (with `inputBytes` of room for a reader), plain JavaScript elsewhere. */
export const transposer = (count: number, kind: 'best' | 'plain' = 'best', inputBytes = 0): Transposer =>
  (kind === 'best' ? wasmTransposer(count, inputBytes) : undefined) ?? plainTransposer(count);
