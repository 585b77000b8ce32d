/**
 * What bounds our convolutions against PyTorch's on this CPU: the float32 FMA peak of one core
 * for wasm's 128-bit SIMD (relaxed_madd, as our kernels use it), for native code at 128, 256
 * and 512 bits (fma-peak.c, where gcc exists), and PyTorch's one-thread convolutions at ResNet-20's shapes.
 * Usage: npx tsx packages/backend/bench/fma-peak.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { relaxedSimd } from '../src/kernels/relaxed-simd.ts';
import { brIf0, end, f32x4Add, get, i32, loop, madd, moduleBytes, set, sub, v128Store, v128Zero } from '../src/kernels/wasm-assembler.ts';
import { median } from './bench-support.ts';

const ACCUMULATORS = 12;
const ITERATIONS = 20_000_000;
// Param 0: iterations. v128 locals 1..12 accumulators, 13 and 14 the operands.
const [A, B] = [1 + ACCUMULATORS, 2 + ACCUMULATORS];
const accumulators = Array.from({ length: ACCUMULATORS }, (_, k) => 1 + k);
const body = [
  ...v128Zero, ...set(A), ...v128Zero, ...set(B),
  ...loop,
  ...accumulators.flatMap((acc) => [...madd(get(A), get(acc), get(B)), ...set(acc)]),
  ...get(0), ...i32(1), ...sub, ...set(0),
  ...get(0), ...brIf0,
  ...end,
  ...i32(0), ...get(1), ...accumulators.slice(1).flatMap((acc) => [...get(acc), ...f32x4Add]), ...v128Store(0),
];
const memory = new WebAssembly.Memory({ initial: 1 });
const bytes = moduleBytes([{ params: 1, i32Locals: 0, v128Locals: ACCUMULATORS + 2, body }], false);
const peak = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports['f0'] as (n: number) => void;

const gflops = (): number => {
  const t0 = performance.now();
  peak(ITERATIONS);
  return (ACCUMULATORS * ITERATIONS * 4 * 2) / ((performance.now() - t0) / 1000) / 1e9;
};
gflops();
const runs = Array.from({ length: 5 }, gflops);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`wasm   128-bit ${relaxedSimd ? 'FMA' : 'mul+add'}: median ${median(runs).toFixed(1).padStart(6)} GFLOP/s, best ${Math.max(...runs).toFixed(1).padStart(6)} (1 thread, 5 runs)`);

const run = (file: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): string | undefined => {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  } catch {
    return undefined;
  }
};
const dir = mkdtempSync(join(os.tmpdir(), 'fma-peak-'));
const binary = join(dir, 'fma-peak');
const built = run('gcc', ['-O2', '-o', binary, join(import.meta.dirname, 'fma-peak.c')]) !== undefined;
process.stdout.write(built ? (run(binary, []) ?? 'native: the built binary failed\n') : 'native: skipped (no gcc)\n');
// PyTorch's convolutions run on oneDNN (its matrix product here is a generic BLAS, no measure of
// anything): ResNet-20's three 3x3 stage shapes, forward, batch 128, one thread; ONEDNN_VERBOSE names the kernel.
const torch = `
import os, time, torch
torch.set_num_threads(1)
for c, s in ((16, 32), (32, 16), (64, 8)):
    x, w = torch.randn(128, c, s, s), torch.randn(c, c, 3, 3)
    for _ in range(3): torch.nn.functional.conv2d(x, w, padding=1)
    g = []
    for _ in range(5):
        t = time.perf_counter(); torch.nn.functional.conv2d(x, w, padding=1); g.append(2 * 128 * s * s * 9 * c * c / (time.perf_counter() - t) / 1e9)
    g.sort()
    print(f"PyTorch {torch.__version__} conv2d 3x3 {c}->{c} at {s}x{s}, batch 128, 1 thread: median {g[2]:6.1f} GFLOP/s, best {g[-1]:6.1f}")
`;
const isa = run('/usr/bin/python3', ['-c', 'import torch; torch.set_num_threads(1); torch.nn.functional.conv2d(torch.randn(2, 16, 8, 8), torch.randn(16, 16, 3, 3), padding=1)'], { ONEDNN_VERBOSE: '1' });
const kernel = isa?.split('\n').find((line) => line.includes(',convolution,'))?.split(',')[4];
if (kernel !== undefined) console.log(`PyTorch's oneDNN convolution kernel here: ${kernel}`);
process.stdout.write(run('/usr/bin/python3', ['-c', torch]) ?? 'PyTorch: skipped (no /usr/bin/python3 with torch)\n');
