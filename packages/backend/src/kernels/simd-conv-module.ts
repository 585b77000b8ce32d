import { add, brIf0, end, f32x4Max, get, i32, isShared, load32Splat, loop, ltU, madd, moduleBytes, set, sub, v128Load, v128Store, v128Zero, type KernelFunction, type KernelModule, type WasmMemory } from './wasm-assembler.ts';

/**
 * A direct convolution, assembled at run time for one layer shape (channels-last, input already
 * zero-padded so that no window leaves it). Per output row it computes blocks of 4 pixels x 8
 * output channels in eight v128 accumulators; a filter row's taps (kw, ci) are contiguous in
 * both the padded input and the [kh, kw, ci, co] filter, so the inner loop is a GEMM micro-kernel:
 * 4 broadcast input values, 2 filter vectors, 8 multiply-adds (FMAs with relaxed SIMD).
 * Everything shape-dependent is a constant, so addresses are immediates, not arithmetic.
 */
export interface ConvShape {
  /** Output channels, a multiple of 8. */
  readonly co: number;
  /** Output pixels per row, a multiple of 4. */
  readonly outWidth: number;
  readonly filterHeight: number;
  /** Taps in one filter row: filterWidth * inChannels. */
  readonly rowTaps: number;
  /** Bytes from one output pixel's window to the next: strideWidth * inChannels * 4. */
  readonly pixelStride: number;
  /** Bytes per row of the padded input. */
  readonly inRowBytes: number;
  /** Bytes from one output row's windows to the next: strideHeight * inRowBytes. */
  readonly rowStep: number;
  readonly bias: boolean;
  readonly relu: boolean;
}

// Params: 0 x, 1 w, 2 out, 3 bias, 4 rows. i32 locals 5..13, v128 locals 14..24.
const [XROW, OROW, CB, XP, OP, P, WP, XK, I] = [5, 6, 7, 8, 9, 10, 11, 12, 13];
const ACC = 14; // 14..21: acc[pixel j][half k] = ACC + 2j + k
const [W0, W1, B] = [22, 23, 24];
const PIXELS = 4;
const acc = (j: number, k: number): number => ACC + 2 * j + k;
const accs = [0, 1, 2, 3].flatMap((j) => [0, 1].map((k) => ({ j, k })));

const initAccumulators = (s: ConvShape): number[] =>
  accs.flatMap(({ j, k }) => (s.bias ? [...get(3), ...get(CB), ...add, ...v128Load(16 * k)] : v128Zero).concat(set(acc(j, k))));

/**
 * One filter row kh: XK walks the taps of the 4 windows, WP the matching filter rows. Not
 * unrolled on purpose: TurboFan hoists the loads of an unrolled body above its FMAs and spills
 * the accumulators (measured: 4x unrolled ran at half the speed of this loop).
 */
const filterRow = (s: ConvShape, kh: number): number[] => [
  ...get(XP), ...set(XK),
  ...get(1), ...get(CB), ...add, ...i32(kh * s.rowTaps * s.co * 4), ...add, ...set(WP),
  ...i32(s.rowTaps), ...set(I),
  ...loop,
  ...get(WP), ...v128Load(0), ...set(W0),
  ...get(WP), ...v128Load(16), ...set(W1),
  ...[0, 1, 2, 3].flatMap((j) => [
    ...get(XK), ...load32Splat(kh * s.inRowBytes + j * s.pixelStride), ...set(B),
    ...madd(get(B), get(W0), get(acc(j, 0))), ...set(acc(j, 0)),
    ...madd(get(B), get(W1), get(acc(j, 1))), ...set(acc(j, 1)),
  ]),
  ...get(XK), ...i32(4), ...add, ...set(XK),
  ...get(WP), ...i32(s.co * 4), ...add, ...set(WP),
  ...get(I), ...i32(1), ...sub, ...set(I),
  ...get(I), ...brIf0,
  ...end,
];

const storeAccumulators = (s: ConvShape): number[] =>
  accs.flatMap(({ j, k }) => [
    ...get(OP), ...get(acc(j, k)), ...(s.relu ? [...v128Zero, ...f32x4Max] : []), ...v128Store(j * s.co * 4 + 16 * k),
  ]);

/** 4 output pixels x 8 channels, then the next 4 pixels of the row. */
const pixelBlocks = (s: ConvShape): number[] => [
  ...get(XROW), ...set(XP),
  ...get(OROW), ...get(CB), ...add, ...set(OP),
  ...i32(s.outWidth / PIXELS), ...set(P),
  ...loop,
  ...initAccumulators(s),
  ...Array.from({ length: s.filterHeight }, (_, kh) => filterRow(s, kh)).flat(),
  ...storeAccumulators(s),
  ...get(XP), ...i32(PIXELS * s.pixelStride), ...add, ...set(XP),
  ...get(OP), ...i32(PIXELS * s.co * 4), ...add, ...set(OP),
  ...get(P), ...i32(1), ...sub, ...set(P),
  ...get(P), ...brIf0,
  ...end,
];

const body = (s: ConvShape): number[] => [
  ...get(0), ...set(XROW),
  ...get(2), ...set(OROW),
  ...loop,
  ...i32(0), ...set(CB),
  ...loop,
  ...pixelBlocks(s),
  ...get(CB), ...i32(32), ...add, ...set(CB),
  ...get(CB), ...i32(s.co * 4), ...ltU, ...brIf0,
  ...end,
  ...get(XROW), ...i32(s.rowStep), ...add, ...set(XROW),
  ...get(OROW), ...i32(s.outWidth * s.co * 4), ...add, ...set(OROW),
  ...get(4), ...i32(1), ...sub, ...set(4),
  ...get(4), ...brIf0,
  ...end,
];

export const convShapeFits = (co: number, outWidth: number): boolean => co % 8 === 0 && outWidth % PIXELS === 0;

/** (x, w, out, bias, rows): `rows` output rows of one image (+ bias, then ReLU, as the shape says); pointers in bytes. */
export const convRowsFunction = (s: ConvShape): KernelFunction => ({ params: 5, i32Locals: 9, v128Locals: 11, body: body(s) });

export const convShapeKey = (s: ConvShape): string =>
  `${s.co}/${s.outWidth}/${s.filterHeight}/${s.rowTaps}/${s.pixelStride}/${s.inRowBytes}/${s.rowStep}/${s.bias}/${s.relu}`;

/** The module for one layer shape; its f0 is `convRowsFunction(s)`. */
export const convRowsModule = (memory: WasmMemory, s: ConvShape): KernelModule => ({
  key: `conv/${convShapeKey(s)}`,
  bytes: () => moduleBytes([convRowsFunction(s)], isShared(memory)),
});
