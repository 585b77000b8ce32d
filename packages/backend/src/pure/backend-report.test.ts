import { describe, expect, it } from 'vitest';
import { formatBackendReport } from './backend-report.ts';

describe('formatBackendReport', () => {
  it('names the backend, the device and every reason on one line', () => {
    const line = formatBackendReport({
      backend: 'wasm',
      device: 'CPU, wasm SIMD, 1 thread',
      reasons: ['@tensorflow/tfjs-node-gpu: not installed', '@tensorflow/tfjs-node: failed to load: boom'],
    });
    expect(line).toBe(
      'backend wasm on CPU, wasm SIMD, 1 thread (@tensorflow/tfjs-node-gpu: not installed; @tensorflow/tfjs-node: failed to load: boom)',
    );
    expect(line).not.toContain('\n');
  });

  it('adds no parentheses when nothing better was passed over', () => {
    expect(formatBackendReport({ backend: 'tensorflow', device: 'GPU Tesla T4', reasons: [] })).toBe(
      'backend tensorflow on GPU Tesla T4',
    );
  });
});
