import { get, i32, isShared, memoryFill, moduleBytes, type KernelModule, type WasmMemory } from './wasm-assembler.ts';

/**
 * f0(at, bytes): zeroes `bytes` bytes from `at` (bulk-memory memory.fill). A kernel's scratch
 * accumulators, zeroed one range per call through runKernelCalls, so that the kernel threads share
 * the pass rather than the main thread doing it alone.
 */
export const zeroFillModule = (memory: WasmMemory): KernelModule => ({
  key: 'zero-fill',
  bytes: () => moduleBytes([{ params: 2, i32Locals: 0, v128Locals: 0, body: [...get(0), ...i32(0), ...get(1), ...memoryFill] }], isShared(memory)),
});
