export {
  backendOptionHelp,
  backendRequests,
  formatBackendReport,
  queuesKernels,
  type BackendName,
  type BackendReport,
  type BackendRequest,
} from './backend-report.ts';
export { gpuBytesInProcessTable, gpuBytesOfPid, parseComputeApps, parseGpuNames, type ComputeApp } from './nvidia-smi.ts';
export { MAX_WASM_THREADS, wasmThreadsFor } from './wasm-thread-count.ts';
export { dawnComplaints, describeAdapter, isSoftwareAdapter, type AdapterInfo } from './webgpu-adapter.ts';
