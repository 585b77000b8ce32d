import * as E from 'fp-ts/Either';
import type { BackendReport } from '../pure/backend-report.ts';
import { describeAdapter, isSoftwareAdapter } from '../pure/webgpu-adapter.ts';
import { probeAdapter } from './probe-adapter.ts';
import { registerWebGpu } from './register-webgpu.ts';
import { requestAdapter } from './request-adapter.ts';

/**
 * webgpu through Dawn, registered on the adapter it offers. `auto` takes a hardware adapter only:
 * a software one (lavapipe, SwiftShader) is correct but slower than this project's wasm kernels,
 * so it serves an explicit `--backend webgpu` alone. The child-process probe comes first, so that
 * a machine without a usable adapter gets Dawn's reason in the report rather than on stderr.
 */
export const tryWebGpu = async (accept: 'hardware' | 'any', reasons: readonly string[]): Promise<E.Either<string, BackendReport>> => {
  const probed = await probeAdapter();
  if (E.isLeft(probed)) return probed;
  const softwareOnly = (info: typeof probed.right) => accept === 'hardware' && isSoftwareAdapter(info);
  const refusal = `webgpu: only ${describeAdapter(probed.right)}: slower than wasm (--backend webgpu takes it)`;
  if (softwareOnly(probed.right)) return E.left(refusal);
  const found = await requestAdapter();
  if (E.isLeft(found)) return found;
  if (softwareOnly(found.right.info)) return E.left(refusal);
  await registerWebGpu(found.right);
  return E.right({ backend: 'webgpu', device: `WebGPU adapter ${describeAdapter(found.right.info)}`, adapter: found.right.info, reasons });
};
