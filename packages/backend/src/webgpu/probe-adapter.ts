import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/Either';
import { dawnComplaints, type AdapterInfo } from '../pure/webgpu-adapter.ts';

// Runs in a child: prints the adapter's info as one JSON line (null when there is none).
const probeScript = (dawnUrl: string): string => `
import { create } from ${JSON.stringify(dawnUrl)};
const adapter = await create([]).requestAdapter({ powerPreference: 'high-performance' });
const i = adapter?.info;
console.log(JSON.stringify(i ? { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description,
  isFallbackAdapter: i.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false } : null));
process.exit(0);
`;

/**
 * Which adapter Dawn would offer, asked in a child process: Dawn prints why it rejects a driver
 * on stderr, which a child's stderr turns into the reason instead of noise, and a process that
 * only looks keeps no GPU instance alive. Left is the reason there is none (Dawn's words).
 */
export const probeAdapter = (timeoutMs = 30_000): Promise<E.Either<string, AdapterInfo>> => {
  let dawn: string;
  try {
    dawn = pathToFileURL(createRequire(import.meta.url).resolve('webgpu')).href;
  } catch {
    return Promise.resolve(E.left('webgpu: the webgpu package (dawn.node) is not installed'));
  }
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', probeScript(dawn)], { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const said = dawnComplaints(stderr);
      const why = said.length > 0 ? `Dawn: ${said.join('; ')}` : 'Dawn found no usable Vulkan, Metal or D3D12 device';
      if (error !== null) return resolve(E.left(`webgpu: probing for an adapter failed (${said[0] ?? error.message.split('\n')[0]})`));
      const info = E.tryCatch(() => JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as AdapterInfo | null, () => 'unreadable');
      if (E.isLeft(info)) return resolve(E.left(`webgpu: the adapter probe printed no answer (${why})`));
      resolve(info.right === null ? E.left(`webgpu: no adapter (${why})`) : E.right(info.right));
    });
  });
};
