import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { describe, it } from 'vitest';
import { probeAdapter } from '../webgpu/probe-adapter.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cache = process.env['SOFTWARE_ADAPTER_CACHE'] ?? `${root}.cache/software-adapter`;

/**
 * The adapter the WebGPU tests run on: whatever VK_ICD_FILENAMES selects, else the software
 * adapter tools/software-adapter.sh fetched (set here, before Dawn reads it; children inherit it).
 */
const selectCachedAdapter = (): void => {
  if (process.env['VK_ICD_FILENAMES'] !== undefined || !existsSync(`${cache}/lvp_icd.json`)) return;
  process.env['VK_ICD_FILENAMES'] = `${cache}/lvp_icd.json`;
  process.env['XDG_RUNTIME_DIR'] ??= `${cache}/xdg-runtime`;
};

selectCachedAdapter();
const probed = await probeAdapter();

/** Where the adapter is required (CI sets CI, as .ci/run does): a missing one fails instead of skipping. */
const required = (process.env['CI'] ?? '') !== '' && process.env['CI'] !== 'false';

export const webgpuAvailable = E.isRight(probed);

/**
 * `describe` for tests that need a WebGPU adapter. Without one they are skipped with one line
 * saying why, or, where one is required, replaced by a test that fails with that line.
 */
export const describeOnWebGpu = (name: string, body: () => void): void => {
  if (E.isRight(probed)) {
    describe(name, body);
    return;
  }
  const why = `${probed.left} (tools/software-adapter.sh provides a software adapter)`;
  if (required) {
    describe(name, () => it('has a WebGPU adapter (CI requires one)', () => { throw new Error(why); }));
    return;
  }
  console.info(`${name}: skipped, ${why}`);
  describe.skip(name, body);
};
