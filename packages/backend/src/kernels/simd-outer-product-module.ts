/**
 * A tiny WebAssembly SIMD module, assembled here from its opcodes (no toolchain needed), that
 * accumulates outer products of pixel rows into one filter tap of a filter gradient:
 *   acc[c, o] += sum over i < len of x[xPtr + i*xStride][c] * dy[dyPtr + i*dyStride][o]
 * for c < ci (a multiple of 4) and o < co (a multiple of 8). Each 4x8 block of acc lives in eight
 * v128 registers while a row streams through, the register blocking XNNPACK's GEMMs use.
 * It runs on tfjs's own wasm memory, so it reads tensors where they are.
 */
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

// Opcodes used below.
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (v: number) => [0x41, ...sleb(v)];
const [add, mul, ltU, sub] = [[0x6a], [0x6c], [0x49], [0x6b]];
const loop = [0x03, 0x40];
const end = [0x0b];
const brIf0 = [0x0d, 0x00];
const v128Load = (offset: number) => [0xfd, 0x00, 0x00, ...uleb(offset)];
const v128Store = (offset: number) => [0xfd, 0x0b, 0x00, ...uleb(offset)];
const load32Splat = (offset: number) => [0xfd, 0x09, 0x00, ...uleb(offset)];
const f32x4Add = [0xfd, 0xe4, 0x01];
const f32x4Mul = [0xfd, 0xe6, 0x01];

// Params: 0 xPtr, 1 xStride, 2 dyPtr, 3 dyStride, 4 len, 5 accPtr, 6 ci (bytes for strides/pointers).
// Locals: 7 c0, 8 o0, 9 xp, 10 dp, 11 i, 12 acc; v128: 13..20 accumulators, 21 d0, 22 d1, 23 s.
const [C0, O0, XP, DP, I, ACC, A, D0, D1, S] = [7, 8, 9, 10, 11, 12, 13, 21, 22, 23];

const body = (co: number): number[] => {
  const regs = [0, 1, 2, 3].flatMap((r) => [0, 1].map((k) => ({ reg: A + 2 * r + k, offset: r * co * 4 + k * 16 })));
  const inner = [0, 1, 2, 3].flatMap((r) => [
    ...get(XP), ...load32Splat(r * 4), ...set(S),
    ...[D0, D1].flatMap((d, k) => [...get(A + 2 * r + k), ...get(S), ...get(d), ...f32x4Mul, ...f32x4Add, ...set(A + 2 * r + k)]),
  ]);
  return [
    ...i32(0), ...set(C0),
    ...loop,
    ...i32(0), ...set(O0),
    ...loop,
    // acc = accPtr + (c0*co + o0)*4; load the 4x8 block
    ...get(5), ...get(C0), ...i32(co * 4), ...mul, ...add, ...get(O0), ...i32(4), ...mul, ...add, ...set(ACC),
    ...regs.flatMap(({ reg, offset }) => [...get(ACC), ...v128Load(offset), ...set(reg)]),
    ...get(0), ...get(C0), ...i32(4), ...mul, ...add, ...set(XP),
    ...get(2), ...get(O0), ...i32(4), ...mul, ...add, ...set(DP),
    ...get(4), ...set(I),
    ...loop,
    ...get(DP), ...v128Load(0), ...set(D0),
    ...get(DP), ...v128Load(16), ...set(D1),
    ...inner,
    ...get(XP), ...get(1), ...add, ...set(XP),
    ...get(DP), ...get(3), ...add, ...set(DP),
    ...get(I), ...i32(1), ...sub, ...set(I),
    ...get(I), ...brIf0,
    ...end,
    ...regs.flatMap(({ reg, offset }) => [...get(ACC), ...get(reg), ...v128Store(offset)]),
    ...get(O0), ...i32(8), ...add, ...set(O0),
    ...get(O0), ...i32(co), ...ltU, ...brIf0,
    ...end,
    ...get(C0), ...i32(4), ...add, ...set(C0),
    ...get(C0), ...get(6), ...ltU, ...brIf0,
    ...end,
  ];
};

/** The module's bytes for `co` output channels, importing `env.memory` (shared if `shared`). */
export const outerProductModuleBytes = (co: number, shared: boolean): Uint8Array => {
  const type = [0x60, ...vec(Array.from({ length: 7 }, () => [0x7f])), 0x00];
  const limits = shared ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const code = [...vec([[...uleb(6), 0x7f], [...uleb(11), 0x7b]]), ...body(co), ...end];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vec([[0x00]])),
    ...section(7, vec([[...name('k'), 0x00, 0x00]])),
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
};

export type OuterProductKernel = (xPtr: number, xStride: number, dyPtr: number, dyStride: number, len: number, accPtr: number, ci: number) => void;

const cache = new Map<string, OuterProductKernel>();

/** The kernel for `co` output channels, instantiated once per memory and channel count. */
export const outerProductKernel = (memory: WebAssembly.Memory, co: number): OuterProductKernel => {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const key = `${co}/${shared}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(outerProductModuleBytes(co, shared)), { env: { memory } });
  const kernel = instance.exports['k'] as OuterProductKernel;
  cache.set(key, kernel);
  return kernel;
};
