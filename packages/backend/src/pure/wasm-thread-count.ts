/** Most threads the wasm backend starts (tfjs's pthread pool and our kernel threads together). */
export const MAX_WASM_THREADS = 8;

/**
 * The wasm thread count apps start with on a machine of `cores` cores: one per core, as PyTorch
 * does. Results do not depend on it (every kernel gives the same bits on any count), only speed.
 */
export const wasmThreadsFor = (cores: number): number => Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(cores)));
