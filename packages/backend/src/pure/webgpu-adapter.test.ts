import { describe, expect, it } from 'vitest';
import { dawnComplaints, describeAdapter, isSoftwareAdapter, type AdapterInfo } from './webgpu-adapter.ts';

// As Dawn 0.6 (npm webgpu) describes them: lavapipe measured here, the others as Dawn names them.
const lavapipe: AdapterInfo = {
  vendor: 'mesa', architecture: 'software', device: 'llvmpipe-llvm-15-0-6-256-bits-',
  description: 'llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1', isFallbackAdapter: true,
};
const nvidia: AdapterInfo = { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200', isFallbackAdapter: false };
const swiftshader: AdapterInfo = { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader Device (Subzero)', isFallbackAdapter: false };

describe('isSoftwareAdapter', () => {
  it('flags a fallback adapter, and CPU drivers by name even when they are not flagged', () => {
    expect(isSoftwareAdapter(lavapipe)).toBe(true);
    expect(isSoftwareAdapter({ ...lavapipe, isFallbackAdapter: false })).toBe(true);
    expect(isSoftwareAdapter(swiftshader)).toBe(true);
  });

  it('takes a GPU for hardware', () => {
    expect(isSoftwareAdapter(nvidia)).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'apple', architecture: 'metal-3', device: '', description: 'Apple M2', isFallbackAdapter: false })).toBe(false);
  });
});

describe('describeAdapter', () => {
  it('names vendor, architecture and description, and says when it is a software adapter', () => {
    expect(describeAdapter(nvidia)).toBe('nvidia hopper (NVIDIA H200)');
    expect(describeAdapter(lavapipe)).toBe('mesa software (llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1), software adapter');
  });

  it('falls back to the device name, and to a placeholder when the adapter says nothing', () => {
    expect(describeAdapter({ ...nvidia, description: '', device: 'gh100' })).toBe('nvidia hopper (gh100)');
    expect(describeAdapter({ vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: false })).toBe('unnamed adapter');
  });
});

describe('dawnComplaints', () => {
  it('keeps the reasons Dawn gives for rejecting a driver, once each, without its stack lines or limit notes', () => {
    // Dawn 0.6 on Debian 12 with its own Mesa 22.3 lavapipe, printed twice when asked twice.
    const stderr = [
      'Warning: Vulkan shaderUniform*ArrayDynamicIndexing required.',
      ' - While initializing adapter (backend=BackendType::Vulkan)',
      '    at InitializeImpl (/home/runner/work/node-webgpu/third_party/dawn/src/dawn/native/vulkan/PhysicalDeviceVk.cpp:257)',
      '',
      'error: XDG_RUNTIME_DIR is invalid or not set in the environment.',
      'Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit dynamic offset allocation limit.',
      'Warning: Vulkan shaderUniform*ArrayDynamicIndexing required.',
    ].join('\n');
    expect(dawnComplaints(stderr)).toEqual(['Vulkan shaderUniform*ArrayDynamicIndexing required.']);
    expect(dawnComplaints('')).toEqual([]);
  });
});
