/**
 * Just enough of a WebAssembly binary writer to build small SIMD kernels at run time (no
 * toolchain on the machines this runs on): LEB128, sections, and the opcodes our kernels use.
 * Kernels import `env.memory`, tfjs-backend-wasm's own memory, so they read tensors in place.
 */
import { relaxedSimd } from './relaxed-simd.ts';

export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
export const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
export const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

// Opcodes used below.
export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
export const i32 = (v: number) => [0x41, ...sleb(v)];
export const [add, mul, ltU, sub] = [[0x6a], [0x6c], [0x49], [0x6b]];
export const loop = [0x03, 0x40];
export const end = [0x0b];
export const brIf0 = [0x0d, 0x00];
/** if (pops an i32; no result) ... end, and i32.eqz. */
export const ifThen = [0x04, 0x40];
export const eqz = [0x45];
/** select: pops a, b and an i32 condition; pushes a when the condition is non-zero, else b. */
export const select = [0x1b];
/** Calls function `index` of the same module, its arguments on the stack. */
export const call = (index: number) => [0x10, ...uleb(index)];
export const v128Load = (offset: number) => [0xfd, 0x00, 0x00, ...uleb(offset)];
export const v128Store = (offset: number) => [0xfd, 0x0b, 0x00, ...uleb(offset)];
export const load32Splat = (offset: number) => [0xfd, 0x09, 0x00, ...uleb(offset)];
export const f32x4Add = [0xfd, 0xe4, 0x01];
export const f32x4Mul = [0xfd, 0xe6, 0x01];

export const f32x4Sub = [0xfd, 0xe5, 0x01];
export const f32x4Max = [0xfd, 0xe9, 0x01];
/** Bulk memory: copy(dst, src, bytes) and fill(dst, byte, bytes) take their operands from the stack. */
export const memoryCopy = [0xfc, 0x0a, 0x00, 0x00];
export const memoryFill = [0xfc, 0x0b, 0x00];
/** v128.const of sixteen zero bytes. */
export const v128Zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const f32x4RelaxedMadd = [0xfd, 0x85, 0x02];

/** acc + a * b for three code pieces that each push one v128: one FMA where relaxed SIMD is on. */
export const madd = (a: number[], b: number[], acc: number[]): number[] =>
  relaxedSimd ? [...a, ...b, ...acc, ...f32x4RelaxedMadd] : [...acc, ...a, ...b, ...f32x4Mul, ...f32x4Add];

/** One function of a kernel module: its i32 parameters, its locals and its code. */
export interface KernelFunction {
  readonly params: number;
  readonly i32Locals: number;
  readonly v128Locals: number;
  readonly body: number[];
}

/** A module exporting `functions` as f0, f1, ... in order; function i is `call(i)` inside it. */
export const moduleBytes = (functions: readonly KernelFunction[], shared: boolean): Uint8Array => {
  const types = functions.map((f) => [0x60, ...vec(Array.from({ length: f.params }, () => [0x7f])), 0x00]);
  const limits = shared ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const codes = functions.map((f) => {
    const code = [...vec([[...uleb(f.i32Locals), 0x7f], [...uleb(f.v128Locals), 0x7b]]), ...f.body, ...end];
    return [...uleb(code.length), ...code];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((_, i) => [...name(`f${i}`), 0x00, ...uleb(i)]))),
    ...section(10, vec(codes)),
  ]);
};

/** The slice of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
type Exports = Readonly<Record<string, unknown>>;
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Exports };
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** A kernel module's cache key and bytes (which depend on the memory kind: shared or not). */
export interface KernelModule {
  readonly key: string;
  readonly bytes: () => Uint8Array;
}

/** Instantiates `bytes` on `memory`, once per memory (a re-created backend has a new one) and key. */
const instances = new WeakMap<WasmMemory, Map<string, Exports>>();
export const instantiate = (key: string, memory: WasmMemory, bytes: () => Uint8Array): Exports => {
  const known = instances.get(memory)?.get(key);
  if (known !== undefined) return known;
  const forMemory = instances.get(memory) ?? new Map<string, Exports>();
  instances.set(memory, forMemory);
  const exports = new webAssembly.Instance(new webAssembly.Module(bytes()), { env: { memory } }).exports;
  forMemory.set(key, exports);
  return exports;
};

export const isShared = (memory: WasmMemory): boolean =>
  typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
