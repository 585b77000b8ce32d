import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as E from 'fp-ts/Either';
import { startKernelThreads } from './kernels/kernel-threads.ts';
import { MAX_WASM_THREADS } from './pure/wasm-thread-count.ts';
import { wasmHeap } from './kernels/wasm-heap.ts';

const require = createRequire(import.meta.url);
const wasmOut = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd';

interface PThreads {
  readonly unusedWorkers: ReadonlyArray<{ unref: () => void }>;
  readonly runningWorkers: ReadonlyArray<{ unref: () => void }>;
}

/**
 * The pthread worker script as a file Node's Worker can start. tfjs hands emscripten a blob:
 * URL, which Node's worker_threads cannot load (tfjs#3830); the worker then importScripts the
 * main script, which we point at the package's own file instead of a posted Blob.
 */
const writeWorkerScript = (): string => {
  const { wasmWorkerContents } = require(`${wasmOut}.worker.js`) as { wasmWorkerContents: string };
  const from = 'if(typeof e.data.urlOrBlob=="string"){importScripts(e.data.urlOrBlob)}';
  if (!wasmWorkerContents.includes(from)) throw new Error('tfjs-backend-wasm worker script changed: wasm threads need a new patch');
  const patched = wasmWorkerContents.replace(from, `if(true){importScripts(${JSON.stringify(require.resolve(`${wasmOut}.js`))})}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tfjs-wasm-threads-'));
  // Workers read it when they start (all at backend start); the process removes it on exit.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'worker.cjs');
  // As tfjs does for its Blob: the template literal turned the script's "\n" escapes into newlines.
  writeFileSync(file, patched.replace(/\n/g, '\\n'));
  return file;
};

/**
 * Initialises tfjs-backend-wasm with its multi-threaded SIMD binary under Node, with `threads`
 * XNNPACK threads. Must run before anything else initialises the wasm backend. Three things
 * stand in the way in tfjs 4.22 and are bridged only while the module starts: the
 * WASM_HAS_MULTITHREAD_SUPPORT flag is false under Node; the worker script is a blob: URL;
 * and the C++ side caps threads at os.cpus().length / 2 (it assumes hyper-threading).
 * The workers are unref'd so they never keep the process alive. Then `threads - 1` kernel
 * threads of our own join the main thread in running this package's SIMD kernels.
 */
export const initWasmThreads = async (threads: number): Promise<E.Either<string, number>> => {
  if (tf.findBackend('wasm') !== null) return E.left('wasm threads: the wasm backend is already initialised; enable threads before the first use');
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) return E.left(`wasm threads: ${threads} is not an integer in 1..${MAX_WASM_THREADS}`);
  const workerFile = writeWorkerScript();
  const createObjectURL = URL.createObjectURL;
  const cpus = os.cpus;
  URL.createObjectURL = (blob: Blob) => (blob.type === 'application/javascript' ? workerFile : createObjectURL(blob));
  os.cpus = () => Array.from({ length: 2 * threads }, () => cpus()[0] as os.CpuInfo);
  try {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
    setThreadsCount(threads);
    if (!(await tf.setBackend('wasm'))) return E.left('wasm threads: the multi-threaded wasm backend failed to initialise');
  } finally {
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
  }
  const pthreads = (tf.backend() as unknown as { wasm: { PThread?: PThreads } }).wasm.PThread;
  [...(pthreads?.unusedWorkers ?? []), ...(pthreads?.runningWorkers ?? [])].forEach((w) => w.unref());
  // Our own kernels (convolutions, filter gradients) do most of a step; they get threads too.
  startKernelThreads(wasmHeap(tf.backend()).memory, getThreadsCount() - 1);
  return E.right(getThreadsCount());
};
