/** What an app may ask for; `auto` takes the best backend that loads here. */
export type BackendRequest = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export const backendRequests: readonly BackendRequest[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

/** Which backend runs, on what, and why each better one was not taken. */
export interface BackendReport {
  readonly backend: BackendName;
  /** e.g. 'CPU, wasm SIMD, 1 thread' or a GPU's name. */
  readonly device: string;
  /** One line per better backend not taken, e.g. '@tensorflow/tfjs-node: not installed'. */
  readonly reasons: readonly string[];
}

/** One line for a log or a console: `backend wasm on CPU, wasm SIMD, 1 thread (tfjs-node-gpu: not installed; ...)`. */
export const formatBackendReport = (report: BackendReport): string =>
  `backend ${report.backend} on ${report.device}` +
  (report.reasons.length === 0 ? '' : ` (${report.reasons.join('; ')})`);
