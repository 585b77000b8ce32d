import * as tf from '@tensorflow/tfjs';
import type { FoundAdapter } from './request-adapter.ts';

let registered = false;
let device: GPUDevice | undefined;

/** tfjs-backend-webgpu checks `navigator.gpu`; Node 20 has no navigator, Node 21+ one without gpu. */
const exposeGpu = (gpu: GPU | undefined): void => {
  const holder = globalThis as { navigator?: object };
  if (holder.navigator === undefined) {
    if (gpu !== undefined) Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    return;
  }
  if (gpu === undefined) Reflect.deleteProperty(holder.navigator, 'gpu');
  else Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
};

/** The limits tfjs-backend-webgpu's own factory asks for: the adapter's, so large activations fit. */
const descriptorFor = (adapter: GPUAdapter): GPUDeviceDescriptor => ({
  requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
  requiredLimits: {
    maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
    maxComputeWorkgroupsPerDimension: adapter.limits.maxComputeWorkgroupsPerDimension,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
    maxComputeWorkgroupSizeX: adapter.limits.maxComputeWorkgroupSizeX,
    maxComputeInvocationsPerWorkgroup: adapter.limits.maxComputeInvocationsPerWorkgroup,
  },
});

/**
 * Registers tfjs's `webgpu` backend on the adapter that was inspected (tfjs's own factory would
 * ask Dawn for another one, maybe a different one, and would not say which). Registering creates
 * nothing: the device is requested when tf.setBackend('webgpu') initialises the backend. Once
 * registered it stays so (a second choice must not replace a backend that may hold tensors).
 */
export const registerWebGpu = async ({ gpu, adapter }: FoundAdapter): Promise<void> => {
  if (registered && tf.findBackendFactory('webgpu') !== null) return;
  exposeGpu(gpu);
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  // Importing it with navigator.gpu present registered tfjs's own factory: ours replaces it.
  if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', async () => {
    device = await adapter.requestDevice(descriptorFor(adapter));
    return new WebGPUBackend(device, adapter.info);
  }, 3);
  registered = true;
};

/**
 * Frees the GPU device and drops `navigator.gpu`. Dawn has been seen to keep Node alive while
 * they are referenced (not with webgpu 0.6.2 here); freeing them at the end settles it either way.
 * Apps call it once, after the last tensor work; a no-op when webgpu was never registered.
 */
export const releaseWebGpu = (): void => {
  if (!registered) return;
  registered = false;
  if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
  device?.destroy();
  device = undefined;
  exposeGpu(undefined);
};
