import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { afterAll, expect, it } from 'vitest';
import { chooseBackend, initBackend, releaseBackend } from '../choose-backend.ts';
import { formatBackendReport } from '../pure/backend-report.ts';
import { isSoftwareAdapter } from '../pure/webgpu-adapter.ts';
import { describeOnWebGpu } from '../test-support/webgpu.ts';

describeOnWebGpu('choosing webgpu', () => {
  afterAll(() => releaseBackend());

  it('an explicit request takes the adapter there is and names it in the report, software or not', async () => {
    const report = await chooseBackend('webgpu');
    if (E.isLeft(report)) throw new Error(report.left);
    const { adapter } = report.right;
    expect(report.right.backend).toBe('webgpu');
    expect(adapter).toBeDefined();
    const line = formatBackendReport(report.right);
    console.info(line);
    expect(line).toContain(`backend webgpu on WebGPU adapter ${adapter?.vendor} ${adapter?.architecture} (`);
    expect(line.includes(', software adapter')).toBe(adapter !== undefined && isSoftwareAdapter(adapter));
  });

  it('auto passes over a software adapter with the reason, and takes a hardware one', async () => {
    const probe = await chooseBackend('webgpu');
    const software = E.isRight(probe) && probe.right.adapter !== undefined && isSoftwareAdapter(probe.right.adapter);
    const report = await chooseBackend('auto');
    if (E.isLeft(report)) throw new Error(report.left);
    if (software) {
      expect(report.right.backend).toBe('wasm');
      expect(report.right.reasons).toContainEqual(expect.stringMatching(/^webgpu: only .+, software adapter: slower than wasm/));
    } else {
      expect(report.right.backend).toBe('webgpu');
    }
  });

  it('runs on webgpu once set, and choosing it again leaves its tensors alone', async () => {
    expect(E.isRight(await initBackend(tf, 'webgpu')) && tf.getBackend()).toBe('webgpu');
    const kept = tf.tensor1d([1, 2, 3]).square();
    expect(E.isRight(await initBackend(tf, 'webgpu'))).toBe(true);
    expect(Array.from(await kept.data())).toEqual([1, 4, 9]);
    kept.dispose();
  });
});
