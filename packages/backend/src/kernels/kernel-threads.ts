import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { instantiate, isShared, type WasmMemory } from './wasm-assembler.ts';

/**
 * Worker threads that run our SIMD kernels on tfjs's shared wasm memory (the multi-threaded
 * binary's), so a convolution's independent calls (per image, per chunk and tap) use every
 * core. Calls are claimed one at a time (or in runs of `grain`) from a shared counter by the
 * main thread and the workers alike: a worker that is late, or a core another process holds,
 * only means the main thread takes more calls, never that it waits for a share it handed out.
 */

// Control words (Int32): the job word packs a sequence number with the next unclaimed group of
// GRAIN consecutive calls; DONE counts finished groups; SCRATCH (an address, read >>> 0) and
// SCRATCH_BYTES say where each thread's scratch block lies (0 bytes: the job has none).
const [JOB, DONE, KERNEL, CALLS, ARITY, WAKE, FAILED, GRAIN, SPIN_US, SCRATCH, SCRATCH_BYTES] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const INDEX_BITS = 14;
const MAX_CALLS = (1 << INDEX_BITS) - 1;
const MAX_ARITY = 16;
/** A job word no claim can match: its index part is MAX_CALLS, and no sequence is negative. */
const CLOSED = -1;
/** How long an idle kernel thread spins before it sleeps, and the main thread for a job's last calls, in µs. */
const IDLE_SPIN_US = 500;

// The worker: plain JavaScript, so it needs no TypeScript loader. It instantiates a kernel the
// first time a job names it (the bytes wait on its port, read synchronously) and then claims
// calls exactly as the main thread does. It blocks in Atomics.wait between jobs.
const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { memory, control, args, port, thread } = workerData;
const kernels = [];
// One caller per arity (and scratch or not), its arguments read straight from the shared array:
// apply() over a subarray cost a microsecond or two a call, a third of a 16384-value add's call.
const callers = [];
const caller = (arity, scratch) =>
  (callers[2 * arity + (scratch ? 1 : 0)] ??= new Function('f', 'a', 'o', 's',
    'f(' + [...Array.from({ length: arity }, (_, i) => 'a[o + ' + i + ']'), ...(scratch ? ['s'] : [])].join(', ') + ')'));
const kernel = (id) => {
  while (kernels[id] === undefined) {
    const received = receiveMessageOnPort(port);
    if (received === undefined) throw new Error('kernel thread: kernel ' + id + ' never arrived');
    const { id: got, bytes } = received.message;
    kernels[got] = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.f0;
  }
  return kernels[id];
};
for (;;) {
  const wake = Atomics.load(control, ${WAKE});
  for (;;) {
    const job = Atomics.load(control, ${JOB});
    const group = job & ${MAX_CALLS};
    const calls = Atomics.load(control, ${CALLS});
    const grain = Atomics.load(control, ${GRAIN});
    const groups = grain > 0 ? Math.ceil(calls / grain) : 0; // 0 before the first job
    if (group >= groups) break;
    if (Atomics.compareExchange(control, ${JOB}, job, job + 1) !== job) continue;
    const arity = Atomics.load(control, ${ARITY});
    const scratchBytes = Atomics.load(control, ${SCRATCH_BYTES});
    const scratch = (Atomics.load(control, ${SCRATCH}) >>> 0) + thread * scratchBytes;
    try {
      const [f, call] = [kernel(Atomics.load(control, ${KERNEL})), caller(arity, scratchBytes > 0)];
      for (let index = group * grain; index < Math.min(calls, group * grain + grain); index++) call(f, args, index * arity, scratch);
    } catch (error) {
      Atomics.store(control, ${FAILED}, 1); // a trap (a bug): the main thread throws; it must not wait forever
      console.error('kernel thread:', error);
    }
    if (Atomics.add(control, ${DONE}, 1) + 1 === groups) Atomics.notify(control, ${DONE});
  }
  // Spin a little before sleeping: a step's next job usually follows within tens of µs, and a
  // sleeping thread takes ~60 µs to wake, a tenth of a 16384-value add.
  const spinUntil = performance.now() + Atomics.load(control, ${SPIN_US}) / 1000;
  while (Atomics.load(control, ${WAKE}) === wake && performance.now() < spinUntil);
  Atomics.wait(control, ${WAKE}, wake);
}
`;

interface Pool {
  readonly memory: WasmMemory;
  readonly control: Int32Array;
  readonly args: Float64Array;
  /** One per worker: a MessagePort can be handed to one thread only. */
  readonly ports: readonly MessagePort[];
  readonly kernelIds: Map<string, number>;
  readonly workers: readonly Worker[];
  sequence: number;
}

let pool: Pool | undefined;
/** Set by withMainThreadOnly: jobs then run on the main thread alone, the pool idle. */
let mainThreadOnly = false;

/**
 * Runs `f` with every kernel job on the main thread alone, as with 1 thread, while the kernel
 * threads stay started: a benchmark can then alternate 1 and N threads step by step in one
 * process, on the same machine state (model-step.ts --alternate).
 */
export const withMainThreadOnly = <A>(f: () => A): A => {
  const before = mainThreadOnly;
  mainThreadOnly = true;
  try {
    return f();
  } finally {
    mainThreadOnly = before;
  }
};

/**
 * Calls run through the kernel threads so far, how many of them a worker took, and the wall time
 * spent in jobs of two or more calls (what the threads share, whether or not there are any): the
 * rest of a step is work only the main thread does.
 */
const stats = { calls: 0, byWorkers: 0, sharedMs: 0 };
export const kernelThreadStats = (): Readonly<typeof stats> => ({ ...stats });

/** Starts `count` kernel threads on `memory`, which must be shared; replaces an earlier pool (0: none). */
export const startKernelThreads = (memory: WasmMemory, count: number): void => {
  if (!isShared(memory)) throw new Error('kernel threads need the multi-threaded wasm binary (shared memory)');
  stopKernelThreads();
  if (count < 1) return;
  const control = new Int32Array(new SharedArrayBuffer(16 * 4));
  control[SPIN_US] = IDLE_SPIN_US;
  const args = new Float64Array(new SharedArrayBuffer(MAX_CALLS * MAX_ARITY * 8));
  const channels = Array.from({ length: count }, () => new MessageChannel());
  // Thread 0 is the main thread; worker k is thread k + 1 (its block of a job's scratch).
  const workers = channels.map(({ port2: port }, k) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { memory, control, args, port, thread: k + 1 }, transferList: [port] });
    worker.unref(); // blocked in Atomics.wait forever: never a reason to keep the process alive
    return worker;
  });
  pool = { memory, control, args, ports: channels.map((c) => c.port1), kernelIds: new Map(), workers, sequence: 0 };
};

export const stopKernelThreads = (): void => {
  pool?.workers.forEach((worker) => void worker.terminate());
  pool?.ports.forEach((port) => port.close());
  pool = undefined;
};

/** How many threads run kernel calls on `memory` (1: the main thread alone). */
export const kernelThreadCount = (memory: WasmMemory): number => (pool?.memory === memory ? pool.workers.length + 1 : 1);

const kernelId = (p: Pool, key: string, bytes: () => Uint8Array): number => {
  const known = p.kernelIds.get(key);
  if (known !== undefined) return known;
  const id = p.kernelIds.size;
  p.kernelIds.set(key, id);
  const module = bytes();
  p.ports.forEach((port) => port.postMessage({ id, bytes: module }));
  return id;
};

/** Makes `calls` the job the threads claim from, then wakes them. */
const publishJob = (p: Pool, kernel: number, calls: readonly (readonly number[])[], arity: number, grain: number, scratch: Scratch | undefined): void => {
  const { control } = p;
  // Closed first: a worker still in the last job's claim loop must not claim with the new count.
  Atomics.store(control, JOB, CLOSED);
  calls.forEach((args, i) => p.args.set(args, i * arity));
  Atomics.store(control, KERNEL, kernel);
  Atomics.store(control, ARITY, arity);
  Atomics.store(control, GRAIN, grain);
  Atomics.store(control, SCRATCH, (scratch?.base ?? 0) | 0);
  Atomics.store(control, SCRATCH_BYTES, scratch?.bytes ?? 0);
  Atomics.store(control, CALLS, calls.length);
  Atomics.store(control, DONE, 0);
  p.sequence = (p.sequence + 1) % (1 << (31 - INDEX_BITS));
  Atomics.store(control, JOB, p.sequence << INDEX_BITS); // publishes the job: index 0 of a new sequence
  Atomics.add(control, WAKE, 1);
  Atomics.notify(control, WAKE);
};

/**
 * The main thread's share: claims groups of calls until none is left, then waits until the
 * workers' claimed groups are done too. A failure (a trap) is kept until then, so no worker is
 * still inside this job when the caller sees it. `mine` counts calls.
 */
const claimCalls = (control: Int32Array, count: number, grain: number, run: (index: number) => void): { mine: number; failure: unknown } => {
  const groups = Math.ceil(count / grain);
  let mine = 0;
  let failure: unknown;
  for (;;) {
    const job = Atomics.load(control, JOB);
    const group = job & MAX_CALLS;
    if (group >= groups) break;
    if (Atomics.compareExchange(control, JOB, job, job + 1) !== job) continue;
    const last = Math.min(count, group * grain + grain);
    try {
      for (let index = group * grain; index < last; index++) run(index);
    } catch (error) {
      failure ??= error;
    }
    Atomics.add(control, DONE, 1);
    mine += last - group * grain;
  }
  // The workers' last calls are usually done within a call's time: spin for them first, since
  // a sleeping main thread takes ~60 µs to wake (per step: 5.5-7.7 -> 3.3-3.5 ms waiting).
  const spinUntil = performance.now() + IDLE_SPIN_US / 1000;
  while (Atomics.load(control, DONE) !== groups && performance.now() < spinUntil);
  for (let done = Atomics.load(control, DONE); done !== groups; done = Atomics.load(control, DONE)) {
    Atomics.wait(control, DONE, done);
  }
  if (Atomics.exchange(control, FAILED, 0) !== 0) failure ??= new Error('kernel thread: a kernel call failed on a worker (its error is printed above)');
  return { mine, failure };
};

/**
 * f(a[0], ..., a[arity - 1]) (then the thread's scratch block, if the job has one), generated
 * once per arity: a spread call f(...a) cost a few tenths of a microsecond more, on 23,000 calls
 * a ResNet-20 step (the workers' callers read the shared array the same way).
 */
type Caller = (f: (...args: number[]) => void, args: readonly number[], scratch: number) => void;
const callers: Caller[] = [];
const arrayCaller = (arity: number, scratch: boolean): Caller =>
  (callers[2 * arity + (scratch ? 1 : 0)] ??= new Function(
    'f', 'a', 's', `f(${[...Array.from({ length: arity }, (_, i) => `a[${i}]`), ...(scratch ? ['s'] : [])].join(', ')})`,
  ) as Caller);

/** Scratch memory of a job: thread t (0: the main thread) owns [base + t * bytes, base + (t + 1) * bytes). */
export interface Scratch {
  readonly base: number;
  readonly bytes: number;
}

export interface JobOptions {
  /** Runs of `grain` consecutive calls go to one thread, in order (1: calls are claimed one by one). */
  readonly grain?: number;
  /**
   * A block per thread (kernelThreadCount(memory) of them), whose address every call gets as one
   * more, last argument: a call's temporary data then stays in the cache of the core that runs
   * it, and is reused by that core's next call rather than written out to memory.
   */
  readonly scratch?: Scratch;
}

/**
 * Runs `f0` of the kernel module `key` once per argument list in `calls`, spread over the kernel
 * threads when `memory` has them. The calls must write disjoint memory (scratch aside); their
 * order is not fixed, except that each run of `grain` consecutive calls goes to one thread, in
 * order: calls that read the same data (one image's filter taps) then find it in that core's cache.
 */
export const runKernelCalls = (memory: WasmMemory, key: string, bytes: () => Uint8Array, calls: readonly (readonly number[])[], options: JobOptions = {}): void => {
  const { grain = 1, scratch } = options;
  const f0 = instantiate(key, memory, bytes)['f0'] as (...args: number[]) => void;
  const arity = calls[0]?.length ?? 0;
  const p = mainThreadOnly ? undefined : pool;
  const started = performance.now();
  try {
    const call = arrayCaller(arity, scratch !== undefined);
    const mainScratch = scratch?.base ?? 0;
    if (p === undefined || p.memory !== memory || calls.length < 2 || calls.length > MAX_CALLS || arity > MAX_ARITY) {
      for (const args of calls) call(f0, args, mainScratch);
      return;
    }
    publishJob(p, kernelId(p, key, bytes), calls, arity, grain, scratch);
    const { mine, failure } = claimCalls(p.control, calls.length, grain, (index) => call(f0, calls[index] as number[], mainScratch));
    stats.calls += calls.length;
    stats.byWorkers += calls.length - mine;
    if (failure !== undefined) throw failure;
  } finally {
    // A job too large for one publication still splits once the limit is lifted; one call never does.
    if (calls.length >= 2) stats.sharedMs += performance.now() - started;
  }
};
