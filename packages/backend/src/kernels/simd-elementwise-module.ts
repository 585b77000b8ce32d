import { advance } from './copy-module-code.ts';
import { brIf0, end, f32x4Add, f32x4Max, f32x4Mul, f32x4Sub, get, i32, isShared, loop, moduleBytes, set, sub, v128Load, v128Store, v128Zero, type KernelModule, type WasmMemory } from './wasm-assembler.ts';

const f32x4Div = [0xfd, 0xe7, 0x01];
const [f32x4Ne, f32x4Gt, bitselect] = [[0xfd, 0x42], [0xfd, 0x44], [0xfd, 0x52]];
/** v128.const of four 1.0f (0x3f800000, little-endian). */
const f32x4One = [0xfd, 0x0c, ...Array.from({ length: 16 }, (_, i) => [0, 0, 0x80, 0x3f][i % 4] as number)];

export type ElementwiseOp = 'add' | 'sub' | 'mul' | 'div' | 'relu' | 'step' | 'reluGrad';

// Params: 0 a, 1 b (unused by unary ops), 2 out, 3 vectors. v128 local 4: a's vector.
const [A, B, OUT, N, VA] = [0, 1, 2, 3, 4];

// 1 where a > 0, else 0 (Step with alpha 0), and NaN stays NaN as in tfjs's Step.
const stepOfA = [...get(VA), ...f32x4One, ...v128Zero, ...get(VA), ...v128Zero, ...f32x4Gt, ...bitselect, ...get(VA), ...get(VA), ...f32x4Ne, ...bitselect];

/** Pushes op(a, b) for the vector of a in VA and b's at B. */
const apply = (op: ElementwiseOp): number[] => {
  const b = [...get(B), ...v128Load(0)];
  switch (op) {
    case 'add': return [...get(VA), ...b, ...f32x4Add];
    case 'sub': return [...get(VA), ...b, ...f32x4Sub];
    case 'mul': return [...get(VA), ...b, ...f32x4Mul];
    case 'div': return [...get(VA), ...b, ...f32x4Div];
    case 'relu': return [...get(VA), ...v128Zero, ...f32x4Max];
    case 'step': return stepOfA;
    // ReLU's gradient, b = dy where a = ReLU's output: step(a) * dy, the two passes tfjs makes of it in one.
    case 'reluGrad': return [...stepOfA, ...b, ...f32x4Mul];
  }
};

const body = (op: ElementwiseOp): number[] => [
  ...loop,
  ...get(A), ...v128Load(0), ...set(VA),
  ...get(OUT), ...apply(op), ...v128Store(0),
  ...advance(A, 16), ...advance(B, 16), ...advance(OUT, 16),
  ...get(N), ...i32(1), ...sub, ...set(N),
  ...get(N), ...brIf0,
  ...end,
];

/** f0(a, b, out, vectors): out = op(a, b) over `vectors` (>= 1) float32x4 vectors; pointers in bytes. */
export const elementwiseModule = (memory: WasmMemory, op: ElementwiseOp): KernelModule => ({
  key: `elementwise/${op}`,
  bytes: () => moduleBytes([{ params: 4, i32Locals: 0, v128Locals: 1, body: body(op) }], isShared(memory)),
});
