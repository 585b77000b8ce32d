import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { chooseBackend, initBackend } from './choose-backend.ts';
import { formatBackendReport } from './pure/backend-report.ts';

// This machine has neither tfjs-node package (their install needs a download it cannot make) nor a GPU.
describe('chooseBackend here', () => {
  it('auto picks wasm and says why each tensorflow package and webgpu were not taken', async () => {
    const report = await chooseBackend('auto');
    expect(report).toEqual(
      E.right({
        backend: 'wasm',
        device: expect.stringMatching(/^CPU, wasm (SIMD|without SIMD), 1 thread$/),
        reasons: [
          '@tensorflow/tfjs-node-gpu: not installed',
          '@tensorflow/tfjs-node: not installed',
          // With the software adapter selected (tools/software-adapter.sh) or without: auto never takes it.
          expect.stringMatching(/^webgpu: (no adapter \(.+\)|only mesa software \(.+\), software adapter: slower than wasm)/),
        ],
      }),
    );
    if (E.isRight(report)) console.info(formatBackendReport(report.right));
  });

  it('refuses an explicit tensorflow request with the reasons and what to do', async () => {
    const report = await chooseBackend('tensorflow');
    expect(E.isLeft(report)).toBe(true);
    if (E.isLeft(report)) {
      expect(report.left).toContain('@tensorflow/tfjs-node-gpu: not installed');
      expect(report.left).toContain('install @tensorflow/tfjs-node-gpu');
      expect(report.left).not.toContain('\n');
    }
  });

  it('honours explicit wasm and cpu and registers the training kernels without setting the backend', async () => {
    const before = tf.getBackend();
    expect(E.map((r: { backend: string }) => r.backend)(await chooseBackend('wasm'))).toEqual(E.right('wasm'));
    expect(E.map((r: { backend: string }) => r.backend)(await chooseBackend('cpu'))).toEqual(E.right('cpu'));
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeDefined();
    expect(tf.getBackend()).toBe(before);
  });

  it('initBackend sets and readies the chosen backend', async () => {
    const report = await initBackend(tf, 'cpu');
    expect(E.isRight(report) && tf.getBackend()).toBe('cpu');
    const auto = await initBackend(tf, 'auto');
    expect(E.isRight(auto) && tf.getBackend()).toBe('wasm');
  });
});
