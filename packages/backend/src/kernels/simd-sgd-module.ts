import { advance } from './copy-module-code.ts';
import { brIf0, end, f32x4Add, f32x4Mul, f32x4Sub, get, i32, isShared, load32Splat, loop, moduleBytes, set, sub, v128Load, v128Store, type KernelModule, type WasmMemory } from './wasm-assembler.ts';

/** Which update: neon's (lr inside the velocity) or PyTorch's, Nesterov or not, with weight decay or not. */
export interface SgdRule {
  readonly form: 'neon' | 'pytorch';
  readonly nesterov: boolean;
  readonly decay: boolean;
}

// Params: 0 w, 1 v, 2 g, 3 constants (float32 lr, momentum, weight decay), 4 w out, 5 v out, 6 vectors.
// v128 locals: 7 w, 8 v, 9 g, 10 decayed gradient, 11 new velocity, 12 lr step.
const [W, V, G, K, WO, VO, N] = [0, 1, 2, 3, 4, 5, 6];
const [VW, VV, VG, VD, VN, VL] = [7, 8, 9, 10, 11, 12];
const [LR, MOMENTUM, DECAY] = [0, 4, 8].map((offset) => [...get(K), ...load32Splat(offset)]) as [number[], number[], number[]];

/**
 * The same float32 operations in the same order as optim's update with tf ops, so the same bits:
 *   decayed = g + w * wd (or g)
 *   neon:    step = decayed * lr; v' = v * m - step; w' = w + v' (Nesterov: w + (v' * m - step))
 *   pytorch: v' = v * m + decayed; w' = w - v' * lr (Nesterov: w - (decayed + v' * m) * lr)
 */
const update = (r: SgdRule): number[] => {
  const decayed = r.decay ? [...get(VG), ...get(VW), ...DECAY, ...f32x4Mul, ...f32x4Add] : get(VG);
  const vm = [...get(VV), ...MOMENTUM, ...f32x4Mul];
  const vNewM = [...get(VN), ...MOMENTUM, ...f32x4Mul];
  const neon = [
    ...get(VD), ...LR, ...f32x4Mul, ...set(VL),
    ...vm, ...get(VL), ...f32x4Sub, ...set(VN),
    ...get(WO), ...get(VW), ...(r.nesterov ? [...vNewM, ...get(VL), ...f32x4Sub] : get(VN)), ...f32x4Add, ...v128Store(0),
  ];
  const pytorch = [
    ...vm, ...get(VD), ...f32x4Add, ...set(VN),
    ...get(WO), ...get(VW), ...(r.nesterov ? [...get(VD), ...vNewM, ...f32x4Add] : get(VN)), ...LR, ...f32x4Mul, ...f32x4Sub, ...v128Store(0),
  ];
  return [...decayed, ...set(VD), ...(r.form === 'neon' ? neon : pytorch), ...get(VO), ...get(VN), ...v128Store(0)];
};
const body = (r: SgdRule): number[] => [
  ...loop,
  ...get(W), ...v128Load(0), ...set(VW),
  ...get(V), ...v128Load(0), ...set(VV),
  ...get(G), ...v128Load(0), ...set(VG),
  ...update(r),
  ...[W, V, G, WO, VO].flatMap((p) => advance(p, 16)),
  ...get(N), ...i32(1), ...sub, ...set(N),
  ...get(N), ...brIf0,
  ...end,
];

/** f0(w, v, g, constants, wOut, vOut, vectors): one SGD update over `vectors` (>= 1) float32x4 vectors. */
export const sgdModule = (memory: WasmMemory, r: SgdRule): KernelModule => ({
  key: `sgd/${r.form}/${r.nesterov}/${r.decay}`,
  bytes: () => moduleBytes([{ params: 7, i32Locals: 0, v128Locals: 6, body: body(r) }], isShared(memory)),
});
