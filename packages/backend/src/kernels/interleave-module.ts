import { advance, copyBytes, repeat } from './copy-module-code.ts';
import { get, isShared, moduleBytes, set, type KernelModule, type WasmMemory } from './wasm-assembler.ts';

/** One image's sub-pixel phases [rows, cols, s*s*ci] and its input gradient [height, width, ci]. */
export interface InterleaveShape {
  readonly rows: number;
  readonly cols: number;
  readonly stride: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

// Params: 0 phases, 1 dx (one image each). Locals: 2 phase row, 3 dx row pair, 4 S, 5 D, 6 and 7 counters.
const [SRC, DST, SA, DY, S, D, A, B] = [0, 1, 2, 3, 4, 5, 6, 7];

/**
 * dx row a*s+ph: phase pixel (a, b) holds, at ph*s*ci, the s pixels b*s.. of that row side by
 * side, so the row is cols runs of s*ci floats (the last one cropped at the width).
 */
const rowCopy = (i: InterleaveShape, ph: number): number[] => {
  const run = i.stride * i.channels * 4;
  const fullRuns = Math.min(i.cols, Math.floor(i.width / i.stride));
  const lastPixels = i.cols > fullRuns ? Math.min(i.stride, i.width - fullRuns * i.stride) : 0;
  const [srcAt, dstAt] = [ph * run, ph * i.width * i.channels * 4];
  return [
    ...get(SA), ...set(S),
    ...get(DY), ...set(D),
    ...repeat(B, fullRuns, [...copyBytes(D, dstAt, S, srcAt, run), ...advance(S, i.stride * run), ...advance(D, run)]),
    ...copyBytes(D, dstAt, S, srcAt, lastPixels * i.channels * 4),
  ];
};

const body = (i: InterleaveShape): number[] => {
  const fullRows = Math.min(i.rows, Math.floor(i.height / i.stride));
  const lastPhases = i.rows > fullRows ? Math.min(i.stride, i.height - fullRows * i.stride) : 0;
  const phases = (count: number) => Array.from({ length: count }, (_, ph) => rowCopy(i, ph)).flat();
  return [
    ...get(SRC), ...set(SA),
    ...get(DST), ...set(DY),
    ...repeat(A, fullRows, [
      ...phases(i.stride),
      ...advance(SA, i.cols * i.stride * i.stride * i.channels * 4),
      ...advance(DY, i.stride * i.width * i.channels * 4),
    ]),
    ...phases(lastPhases),
  ];
};

/**
 * DepthToSpace with cropping for one image, NHWC: dx[a*s+ph, b*s+pw, c] = phases[a, b, (ph*s+pw)*ci + c],
 * rows and columns past the input dropped. Its f0(phases, dx) takes byte pointers to one image each.
 */
export const interleaveModule = (memory: WasmMemory, i: InterleaveShape): KernelModule => ({
  key: `interleave/${i.rows}/${i.cols}/${i.stride}/${i.channels}/${i.height}/${i.width}`,
  bytes: () => moduleBytes([{ params: 2, i32Locals: 6, v128Locals: 0, body: body(i) }], isShared(memory)),
});
