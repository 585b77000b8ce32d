import { add, brIf0, eqz, f32x4Add, f32x4Max, f32x4Mul, f32x4Sub, get, i32, ifThen, isShared, loop, ltU, moduleBytes, set, sub, v128Load, v128Store, v128Zero, end, type KernelModule, type WasmMemory } from './wasm-assembler.ts';

/**
 * Two channels-last SIMD passes that a batch norm's forward and backward are made of, on tfjs's
 * wasm memory. Channels (cBytes = 4 * channels) come in blocks of 4; n >= 1 pixels.
 *   moments(a, b, n, cBytes, ma, mb, s, p, chunk, blockBytes):  s[c] += sum a;  p[c] += sum (a - ma[c]) * (b - mb[c]),
 *     each run of `chunk` pixels into sums of its own: s and p move on by blockBytes after each
 *   affine2(a, b, n, cBytes, pa, pb, pc, out): out = a * pa[c] + b * pb[c] + pc[c]
 *   affine2Relu: the same, then max(out, 0) (ReLU's own f32x4.max: the bits of a ReLU pass after it)
 *   affine2AddRelu(a, b, n, cBytes, pa, pb, pc, out, r): out = max(a * pa[c] + b * pb[c] + pc[c] + r, 0),
 *     a residual block's closing relu(bn2(z2) + shortcut) in one pass: the bits of affine2, Add, Relu
 */
const at = (base: number, c: number) => [...get(base), ...get(c), ...add];

// moments: params 0 a, 1 b, 2 n, 3 cBytes, 4 ma, 5 mb, 6 s, 7 p, 8 chunk, 9 blockBytes; i32 locals
// C (the channel offset), LEFT (pixels left in this chunk); v128 VA.
const [CHUNK, BLOCK, C, LEFT, VA] = [8, 9, 10, 11, 12];
const moments = (): number[] => [
  ...get(CHUNK), ...set(LEFT),
  ...loop,
  ...i32(0), ...set(C),
  ...loop,
  ...at(0, C), ...v128Load(0), ...set(VA),
  ...at(6, C), ...at(6, C), ...v128Load(0), ...get(VA), ...f32x4Add, ...v128Store(0),
  ...at(7, C), ...at(7, C), ...v128Load(0),
  ...get(VA), ...at(4, C), ...v128Load(0), ...f32x4Sub,
  ...at(1, C), ...v128Load(0), ...at(5, C), ...v128Load(0), ...f32x4Sub,
  ...f32x4Mul, ...f32x4Add, ...v128Store(0),
  ...get(C), ...i32(16), ...add, ...set(C),
  ...get(C), ...get(3), ...ltU, ...brIf0,
  ...end,
  ...get(0), ...get(3), ...add, ...set(0),
  ...get(1), ...get(3), ...add, ...set(1),
  // Every `chunk` pixels the sums move on to the next chunk's block.
  ...get(LEFT), ...i32(1), ...sub, ...set(LEFT),
  ...get(LEFT), ...eqz, ...ifThen,
  ...get(6), ...get(BLOCK), ...add, ...set(6),
  ...get(7), ...get(BLOCK), ...add, ...set(7),
  ...get(CHUNK), ...set(LEFT),
  ...end,
  ...get(2), ...i32(1), ...sub, ...set(2),
  ...get(2), ...brIf0,
  ...end,
];

export type AffinePass = 'affine2' | 'affine2Relu' | 'affine2AddRelu';

// affine2: params 0 a, 1 b, 2 n, 3 cBytes, 4 pa, 5 pb, 6 pc, 7 out, (8 r); locals C (the channel offset).
const affine2 = (pass: AffinePass): number[] => {
  const residual = pass === 'affine2AddRelu';
  const C = residual ? 9 : 8;
  return [
    ...loop,
    ...i32(0), ...set(C),
    ...loop,
    ...at(7, C),
    ...at(0, C), ...v128Load(0), ...at(4, C), ...v128Load(0), ...f32x4Mul,
    ...at(1, C), ...v128Load(0), ...at(5, C), ...v128Load(0), ...f32x4Mul, ...f32x4Add,
    ...at(6, C), ...v128Load(0), ...f32x4Add,
    ...(residual ? [...at(8, C), ...v128Load(0), ...f32x4Add] : []),
    ...(pass === 'affine2' ? [] : [...v128Zero, ...f32x4Max]),
    ...v128Store(0),
    ...get(C), ...i32(16), ...add, ...set(C),
    ...get(C), ...get(3), ...ltU, ...brIf0,
    ...end,
    ...get(0), ...get(3), ...add, ...set(0),
    ...get(1), ...get(3), ...add, ...set(1),
    ...get(7), ...get(3), ...add, ...set(7),
    ...(residual ? [...get(8), ...get(3), ...add, ...set(8)] : []),
    ...get(2), ...i32(1), ...sub, ...set(2),
    ...get(2), ...brIf0,
    ...end,
  ];
};

/**
 * One pass as a module of its own (its `f0`), so that runKernelCalls can spread a pass's chunks
 * over the kernel threads.
 */
export const batchNormModule = (memory: WasmMemory, pass: 'moments' | AffinePass): KernelModule => ({
  key: `batch-norm/${pass}`,
  bytes: () =>
    moduleBytes(
      [pass === 'moments' ? { params: 10, i32Locals: 2, v128Locals: 1, body: moments() } : { params: pass === 'affine2AddRelu' ? 9 : 8, i32Locals: 1, v128Locals: 0, body: affine2(pass) }],
      isShared(memory),
    ),
});
