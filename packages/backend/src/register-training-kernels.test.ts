import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { registerTrainingKernels, trainingKernelConfigs } from './register-training-kernels.ts';

describe('registerTrainingKernels', () => {
  it('registers Conv2DBackpropFilter for wasm and cpu, and is idempotent without tfjs overwrite warnings', () => {
    const warn = vi.spyOn(console, 'warn');
    registerTrainingKernels();
    registerTrainingKernels();
    for (const config of trainingKernelConfigs) {
      expect(tf.getKernel(config.kernelName, config.backendName)).toBe(config);
    }
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeDefined();
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'cpu')).toBe(
      trainingKernelConfigs.find((c) => c.backendName === 'cpu' && c.kernelName === tf.Conv2DBackpropFilter),
    );
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
