import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { decodeJson } from './pure/decode-json.ts';
import { DepthMeasured, type DepthResult } from './pure/depth-result.ts';

// From source the child is measure-depth.ts under tsx (resolved here, so that it is found whatever the
// working directory); in the GPU kit's bundle (tools/gpu-kit) it is measure-depth.mjs beside this file.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(fromSource ? './measure-depth.ts' : './measure-depth.mjs', import.meta.url));
const childArgs = (): string[] => (fromSource ? ['--import', import.meta.resolve('tsx'), WORKER] : [WORKER]);

const lastLine = (text: string): string => text.trim().split('\n').at(-1)?.trim() ?? '';

/**
 * Runs src/measure-depth.ts for one depth in its own Node process; its stderr goes to ours line by
 * line, its stdout's last line is the result. A crash, a non-zero exit or a line that does not
 * decode becomes a DepthFailed with the child's last words, never an exception.
 */
export const runChild = (depth: number, args: readonly string[], log: (line: string) => void): Promise<DepthResult> =>
  new Promise((resolve) => {
    // Without allow-growth TensorFlow takes the whole GPU at start, and nvidia-smi's figure says nothing about the model.
    const env = { ...process.env, TF_FORCE_GPU_ALLOW_GROWTH: process.env['TF_FORCE_GPU_ALLOW_GROWTH'] ?? 'true' };
    const child = spawn(process.execPath, [...childArgs(), `--depth=${depth}`, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') log(`  [n=${depth}] ${line}`);
    });
    const failed = (message: string): DepthResult => ({ status: 'failed', depth, message });
    child.on('error', (error) => resolve(failed(`cannot start the child process: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code !== 0) {
        const why = lastLine(stderr).replace(/^measure-depth: /, '') || 'no message';
        return resolve(failed(`child ${signal === null ? `exited with code ${code}` : `killed by ${signal}`}: ${why}`));
      }
      const decoded = decodeJson(DepthMeasured, lastLine(stdout), `n=${depth} result`);
      resolve(E.isRight(decoded) ? decoded.right : failed(decoded.left));
    });
  });
