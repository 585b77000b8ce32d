import type { AdapterInfo } from './webgpu-adapter.ts';

/** What an app may ask for; `auto` takes the best backend that loads here. */
export type BackendRequest = 'auto' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';

export type BackendName = 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';

export const backendRequests: readonly BackendRequest[] = ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'];

/** The --backend help every app shows: what `auto` tries, in order. */
export const backendOptionHelp = 'tfjs backend; auto takes tensorflow (tfjs-node-gpu or tfjs-node) where it loads, else webgpu on a GPU, else wasm, else cpu';

/** Which backend runs, on what, and why each better one was not taken. */
export interface BackendReport {
  readonly backend: BackendName;
  /** e.g. 'CPU, wasm SIMD, 1 thread', a GPU's name, or 'WebGPU adapter nvidia ampere (...)'. */
  readonly device: string;
  /** One line per better backend not taken, e.g. '@tensorflow/tfjs-node: not installed'. */
  readonly reasons: readonly string[];
  /** On webgpu: the adapter as it describes itself. */
  readonly adapter?: AdapterInfo;
}

/** GPU backends queue kernels: a call returns before its work is done, so timing a step needs a read-back. */
export const queuesKernels = (report: BackendReport): boolean => report.backend === 'webgpu' || report.device.startsWith('GPU');

/** One line for a log or a console: `backend wasm on CPU, wasm SIMD, 1 thread (tfjs-node-gpu: not installed; ...)`. */
export const formatBackendReport = (report: BackendReport): string =>
  `backend ${report.backend} on ${report.device}` +
  (report.reasons.length === 0 ? '' : ` (${report.reasons.join('; ')})`);
