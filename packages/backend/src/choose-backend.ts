import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { loadNativeBackend } from './load-native-backend.ts';
import { queryNvidiaSmi } from './nvidia-smi-query.ts';
import type { BackendName, BackendReport, BackendRequest } from './pure/backend-report.ts';
import { parseGpuNames } from './pure/nvidia-smi.ts';
import { registerTrainingKernels } from './register-training-kernels.ts';
import { wasmDevice } from './wasm-device.ts';
import { initWasmThreads } from './wasm-threads.ts';
import { releaseWebGpu } from './webgpu/register-webgpu.ts';
import { SOFTWARE_ADAPTER_HINT } from './webgpu/request-adapter.ts';
import { tryWebGpu } from './webgpu/try-webgpu.ts';

const ranking: readonly BackendName[] = ['tensorflow', 'webgpu', 'wasm', 'cpu'];

const notTried = (chosen: BackendName): string[] =>
  ranking.slice(0, ranking.indexOf(chosen)).map((b) => `${b}: not tried (${chosen} requested)`);

const gpuDevice = async (): Promise<E.Either<string, string>> => {
  const names = E.map(parseGpuNames)(await queryNvidiaSmi(['--query-gpu=name', '--format=csv,noheader']));
  if (E.isLeft(names)) return E.left(`@tensorflow/tfjs-node-gpu: no GPU (${names.left})`);
  const [first, ...others] = names.right;
  if (first === undefined) return E.left('@tensorflow/tfjs-node-gpu: no GPU (nvidia-smi lists none)');
  return E.right(`GPU ${first}${others.length > 0 ? ` (first of ${others.length + 1}, the one TensorFlow uses)` : ''}`);
};

/** tfjs-node-gpu on a GPU, else TensorFlow on the CPU; Left is every reason neither serves. */
const tryTensorflow = async (): Promise<E.Either<readonly string[], BackendReport>> => {
  const gpuPackage = await loadNativeBackend('@tensorflow/tfjs-node-gpu');
  if (E.isRight(gpuPackage)) {
    const gpu = await gpuDevice();
    return E.right(
      E.isRight(gpu)
        ? { backend: 'tensorflow', device: gpu.right, reasons: [] }
        : { backend: 'tensorflow', device: 'CPU, TensorFlow native', reasons: [gpu.left] },
    );
  }
  const cpuPackage = await loadNativeBackend('@tensorflow/tfjs-node');
  return E.isRight(cpuPackage)
    ? E.right({ backend: 'tensorflow', device: 'CPU, TensorFlow native', reasons: [gpuPackage.left] })
    : E.left([gpuPackage.left, cpuPackage.left]);
};

const tryWasm = async (reasons: readonly string[]): Promise<E.Either<string, BackendReport>> => {
  if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'object') return E.left('wasm: WebAssembly is not available in this runtime');
  registerTrainingKernels();
  return E.right({ backend: 'wasm', device: await wasmDevice(), reasons });
};

const cpu = (reasons: readonly string[]): BackendReport => {
  registerTrainingKernels();
  return { backend: 'cpu', device: 'CPU, plain JavaScript', reasons };
};

const auto = async (): Promise<BackendReport> => {
  const native = await tryTensorflow();
  if (E.isRight(native)) return native.right;
  const webgpu = await tryWebGpu('hardware', native.left);
  if (E.isRight(webgpu)) return webgpu.right;
  const reasons = [...native.left, webgpu.left];
  const wasm = await tryWasm(reasons);
  return E.isRight(wasm) ? wasm.right : cpu([...reasons, wasm.left]);
};

/**
 * Picks the tfjs backend and registers what it needs (our training kernels, tfjs-node's
 * backend), but never calls tf.setBackend: the app does that with `report.backend`.
 * Left, for an explicit request that cannot be met, says what to do about it.
 */
export const chooseBackend = async (request: BackendRequest): Promise<E.Either<string, BackendReport>> => {
  switch (request) {
    case 'auto':
      return E.right(await auto());
    case 'tensorflow': {
      const native = await tryTensorflow();
      const hint = 'install @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node (README, GPUs) or use --backend auto';
      return E.mapLeft((reasons: readonly string[]) => `backend tensorflow unavailable (${reasons.join('; ')}): ${hint}`)(native);
    }
    case 'webgpu':
      return E.mapLeft((reason: string) => `${reason}: ${SOFTWARE_ADAPTER_HINT}`)(await tryWebGpu('any', notTried('webgpu')));
    case 'wasm':
      return E.mapLeft((reason: string) => `${reason}: use --backend cpu`)(await tryWasm(notTried('wasm')));
    case 'cpu':
      return E.right(cpu(notTried('cpu')));
  }
};

export interface InitOptions {
  /** XNNPACK threads for wasm (default 1): above 1 starts tfjs's multi-threaded binary under Node. */
  readonly wasmThreads?: number;
}

/** For apps and tests only (libraries never set the backend): choose, set, wait until ready. */
export const initBackend = async (
  tfjs: Pick<typeof tf, 'setBackend' | 'ready' | 'getBackend'>,
  request: BackendRequest,
  options: InitOptions = {},
): Promise<E.Either<string, BackendReport>> => {
  const chosen = await chooseBackend(request);
  if (E.isLeft(chosen)) return chosen;
  const threads = options.wasmThreads ?? 1;
  if (chosen.right.backend === 'wasm' && threads > 1) {
    const started = await initWasmThreads(threads);
    if (E.isLeft(started)) return E.left(`${started.left}: or run wasm on one thread`);
    return E.right({ ...chosen.right, device: chosen.right.device.replace('1 thread', `${started.right} threads`) });
  }
  // tfjs falls back to another backend without an error when one fails to start: check which runs.
  if (!(await tfjs.setBackend(chosen.right.backend)) || tfjs.getBackend() !== chosen.right.backend) {
    return E.left(`backend ${chosen.right.backend} was chosen but failed to initialise: try another --backend`);
  }
  await tfjs.ready();
  return chosen;
};

/**
 * Frees what the backend holds beyond tensors (the WebGPU device and `navigator.gpu`) after the
 * last tensor work. Apps call it once before they end; harmless on the other backends.
 */
export const releaseBackend = (): void => releaseWebGpu();
