export {
  backendRequests,
  formatBackendReport,
  type BackendName,
  type BackendReport,
  type BackendRequest,
} from './backend-report.ts';
export { gpuBytesOfPid, parseComputeApps, parseGpuNames, type ComputeApp } from './nvidia-smi.ts';
