import * as E from 'fp-ts/Either';
import type { AdapterInfo } from '../pure/webgpu-adapter.ts';

/** Dawn's GPU object and the adapter it offered, with that adapter's description. */
export interface FoundAdapter {
  readonly gpu: GPU;
  readonly adapter: GPUAdapter;
  readonly info: AdapterInfo;
}

export const SOFTWARE_ADAPTER_HINT =
  'a Vulkan, Metal or D3D12 GPU driver is needed; without a GPU, eval "$(tools/software-adapter.sh env)" selects a slow software one (README, GPUs)';

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

// One Dawn instance per process: creating a second one would enumerate (and print about) the drivers again.
let dawn: Promise<E.Either<string, GPU>> | undefined;

/** Loads dawn.node (npm `webgpu`) and sets the WebGPU globals (GPUBufferUsage, ...) tfjs-backend-webgpu reads. */
const loadDawn = (): Promise<E.Either<string, GPU>> =>
  (dawn ??= import('webgpu').then(
    ({ create, globals }) => {
      for (const [name, value] of Object.entries(globals)) {
        if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
      }
      return E.right(create([]));
    },
    (error: unknown) => E.left(`webgpu: dawn.node failed to load (${firstLine(error)})`),
  ));

const infoOf = (adapter: GPUAdapter): AdapterInfo => {
  // isFallbackAdapter moved from the adapter to its info in the spec; Dawn 0.6 has it on the info.
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description,
    isFallbackAdapter: info.isFallbackAdapter ?? legacy ?? false,
  };
};

/**
 * The adapter Dawn offers for high-performance work, or why there is none. Dawn prints its own
 * reasons for rejecting a driver on stderr (e.g. Debian 12's lavapipe lacks dynamic indexing).
 */
export const requestAdapter = async (): Promise<E.Either<string, FoundAdapter>> => {
  const gpu = await loadDawn();
  if (E.isLeft(gpu)) return gpu;
  try {
    const adapter = await gpu.right.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter === null) return E.left('webgpu: no adapter (Dawn found no usable Vulkan, Metal or D3D12 device)');
    return E.right({ gpu: gpu.right, adapter, info: infoOf(adapter) });
  } catch (error) {
    return E.left(`webgpu: requesting an adapter failed (${firstLine(error)})`);
  }
};
