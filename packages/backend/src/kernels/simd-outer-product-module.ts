import { add, brIf0, end, get, i32, isShared, load32Splat, loop, ltU, madd, moduleBytes, mul, select, set, sub, v128Load, v128Store, type KernelModule, type WasmMemory } from './wasm-assembler.ts';

/**
 * A tiny WebAssembly SIMD module, assembled here from its opcodes (no toolchain needed), that
 * accumulates outer products of pixel rows into one filter tap of a filter gradient:
 *   acc[c, o] += sum over m < images, r < rows, i < len of x[xPtr + m*xImageStride + r*xRowStride + i*xStride][c]
 *                                                          * dy[dyPtr + m*dyImageStride + r*dyRowStride + i*dyStride][o]
 * for c < ci (a multiple of 4) and o < co (a multiple of 8). Each 4x8 block of acc lives in eight
 * v128 registers while an image's rows stream through, the register blocking XNNPACK's GEMMs use.
 * Images, then tiles of `tileRows` rows, are the outer loops: all of acc's blocks take one tile
 * before the next, so its x and dy (a few KB) are read from L1 by every block. With the images
 * inside the block loop, each block streamed the whole chunk (512 KB at 8x8x64) again from L3.
 * The sums are the same: each block adds the same products in the same order, stored and
 * reloaded exactly between tiles.
 * It runs on tfjs's own wasm memory, so it reads tensors where they are.
 */
// Params: 0 xPtr, 1 xStride, 2 dyPtr, 3 dyStride, 4 len, 5 accPtr, 6 ci, 7 rows, 8 xRowStride,
// 9 dyRowStride, 10 images, 11 xImageStride, 12 dyImageStride, 13 tileRows (pointers and strides in bytes).
// i32 locals 14..29, v128 locals 30..40.
const [C0, O0, XP, DP, I, ACC, R, XR, DR, IMG, XB, DB, XT, DT, LEFT, TR] = [14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29];
const [A, D0, D1, S] = [30, 38, 39, 40];

// One 4x8 block of acc over one tile: TR rows of `len` pixels (x at XT, dy at DT). The
// accumulators stay in registers throughout, so their loads and stores amortise over the tile.
const block = (co: number): number[] => {
  const regs = [0, 1, 2, 3].flatMap((r) => [0, 1].map((k) => ({ reg: A + 2 * r + k, offset: r * co * 4 + k * 16 })));
  const inner = [0, 1, 2, 3].flatMap((r) => [
    ...get(XP), ...load32Splat(r * 4), ...set(S),
    ...[D0, D1].flatMap((d, k) => [...madd(get(S), get(d), get(A + 2 * r + k)), ...set(A + 2 * r + k)]),
  ]);
  return [
    ...get(5), ...get(C0), ...i32(co * 4), ...mul, ...add, ...get(O0), ...i32(4), ...mul, ...add, ...set(ACC),
    ...regs.flatMap(({ reg, offset }) => [...get(ACC), ...v128Load(offset), ...set(reg)]),
    ...get(XT), ...get(C0), ...i32(4), ...mul, ...add, ...set(XR),
    ...get(DT), ...get(O0), ...i32(4), ...mul, ...add, ...set(DR),
    ...get(TR), ...set(R),
    ...loop,
    ...get(XR), ...set(XP), ...get(DR), ...set(DP), ...get(4), ...set(I),
    ...loop,
    ...get(DP), ...v128Load(0), ...set(D0),
    ...get(DP), ...v128Load(16), ...set(D1),
    ...inner,
    ...get(XP), ...get(1), ...add, ...set(XP),
    ...get(DP), ...get(3), ...add, ...set(DP),
    ...get(I), ...i32(1), ...sub, ...set(I),
    ...get(I), ...brIf0,
    ...end,
    ...get(XR), ...get(8), ...add, ...set(XR),
    ...get(DR), ...get(9), ...add, ...set(DR),
    ...get(R), ...i32(1), ...sub, ...set(R),
    ...get(R), ...brIf0,
    ...end,
    ...regs.flatMap(({ reg, offset }) => [...get(ACC), ...get(reg), ...v128Store(offset)]),
  ];
};

const body = (co: number): number[] => [
  ...get(0), ...set(XB), ...get(2), ...set(DB), ...get(10), ...set(IMG),
  ...loop,
  ...get(XB), ...set(XT), ...get(DB), ...set(DT), ...get(7), ...set(LEFT),
  ...loop,
  ...get(LEFT), ...get(13), ...get(LEFT), ...get(13), ...ltU, ...select, ...set(TR),
  ...i32(0), ...set(C0),
  ...loop,
  ...i32(0), ...set(O0),
  ...loop,
  ...block(co),
  ...get(O0), ...i32(8), ...add, ...set(O0),
  ...get(O0), ...i32(co), ...ltU, ...brIf0,
  ...end,
  ...get(C0), ...i32(4), ...add, ...set(C0),
  ...get(C0), ...get(6), ...ltU, ...brIf0,
  ...end,
  ...get(XT), ...get(8), ...get(13), ...mul, ...add, ...set(XT),
  ...get(DT), ...get(9), ...get(13), ...mul, ...add, ...set(DT),
  ...get(LEFT), ...get(TR), ...sub, ...set(LEFT),
  ...get(LEFT), ...brIf0,
  ...end,
  ...get(XB), ...get(11), ...add, ...set(XB),
  ...get(DB), ...get(12), ...add, ...set(DB),
  ...get(IMG), ...i32(1), ...sub, ...set(IMG),
  ...get(IMG), ...brIf0,
  ...end,
];

/**
 * The module for `co` output channels. Its f0 takes (xPtr, xStride, dyPtr, dyStride, len, accPtr,
 * ci, rows, xRowStride, dyRowStride, images, xImageStride, dyImageStride, tileRows), pointers and
 * strides in bytes.
 */
export const outerProductModule = (memory: WasmMemory, co: number): KernelModule => ({
  key: `outer-product/${co}`,
  bytes: () => moduleBytes([{ params: 14, i32Locals: 16, v128Locals: 11, body: body(co) }], isShared(memory)),
});
