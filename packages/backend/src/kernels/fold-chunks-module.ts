import { advance, repeat } from './copy-module-code.ts';
import { brIf0, end, get, i32, isShared, loop, memoryFill, moduleBytes, mul, set, sub, type KernelModule, type WasmMemory } from './wasm-assembler.ts';

const [f32Load, f64Load, f32Store, f64Store] = [[0x2a, 0x02, 0x00], [0x2b, 0x03, 0x00], [0x38, 0x02, 0x00], [0x39, 0x03, 0x00]];
const [f64Promote, f32Demote, f64Add] = [[0xbb], [0xb6], [0xa0]];

// Params: 0 acc, 1 sums, 2 out, 3 floats. Locals: 4 chunk counter, 5 I, 6 P (chunk's range), 7 Q (sums), 8 R.
const [ACC, SUMS, OUT, FLOATS, C, I, P, Q, R] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/** Walks `floats` values: R over float32s, Q over float64s, `step` once per value. */
const eachValue = (step: number[]): number[] => [
  ...get(FLOATS), ...set(I),
  ...loop,
  ...step,
  ...advance(R, 4), ...advance(Q, 8),
  ...get(I), ...i32(1), ...sub, ...set(I),
  ...get(I), ...brIf0,
  ...end,
];

const body = (chunks: number, chunkBytes: number): number[] => [
  ...get(SUMS), ...i32(0), ...get(FLOATS), ...i32(8), ...mul, ...memoryFill,
  ...get(ACC), ...set(P),
  ...repeat(C, chunks, [
    ...get(P), ...set(R), ...get(SUMS), ...set(Q),
    ...eachValue([...get(Q), ...get(Q), ...f64Load, ...get(R), ...f32Load, ...f64Promote, ...f64Add, ...f64Store]),
    ...advance(P, chunkBytes),
  ]),
  ...get(OUT), ...set(R), ...get(SUMS), ...set(Q),
  ...eachValue([...get(R), ...get(Q), ...f64Load, ...f32Demote, ...f32Store]),
];

/**
 * Per-chunk float32 sums added in float64 in chunk order, then rounded to float32: its
 * f0(acc, sums, out, floats) does that for `floats` values at acc (chunk 0; chunk c lies
 * c * chunkBytes further), with float64 scratch at sums. The same additions in the same order
 * as a JS loop over Float64Array, so the same bits, and any range can run on any thread.
 */
export const foldChunksModule = (memory: WasmMemory, chunks: number, chunkBytes: number): KernelModule => ({
  key: `fold-chunks/${chunks}/${chunkBytes}`,
  bytes: () => moduleBytes([{ params: 4, i32Locals: 5, v128Locals: 0, body: body(chunks, chunkBytes) }], isShared(memory)),
});
