import { setFlagsFromString } from 'node:v8';

/**
 * WebAssembly relaxed SIMD gives `f32x4.relaxed_madd`, which V8 compiles to one FMA instruction
 * on CPUs that have one: twice the multiply-adds per cycle of a `f32x4.mul` + `f32x4.add` pair,
 * the limit of every convolution kernel here. Node 22 has it on; Node 20's V8 (11.3) ships it
 * behind a flag, which only matters when a module is compiled, so setting it at run time works.
 * `RESNET_CIFAR_RELAXED_SIMD=0` turns it off (to measure the difference, or on a VM that
 * misbehaves). FMA rounds once instead of twice: results move in the last bits, well inside the
 * float64-reference tolerances.
 */
const probe = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, // type: (v128 v128 v128) -> v128
  0x03, 0x02, 0x01, 0x00, // one function of that type
  0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b, // relaxed_madd
]);

interface Validator {
  readonly validate: (bytes: Uint8Array) => boolean;
}
const webAssembly = (globalThis as unknown as { WebAssembly: Validator }).WebAssembly;

const detect = (): boolean => {
  if (process.env['RESNET_CIFAR_RELAXED_SIMD'] === '0') return false;
  if (webAssembly.validate(probe)) return true;
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return webAssembly.validate(probe);
};

/** Whether kernels assembled in this process use fused multiply-adds. */
export const relaxedSimd: boolean = detect();
