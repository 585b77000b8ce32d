import { advance, copyBytes, repeat, zeroBytes } from './copy-module-code.ts';
import { get, isShared, moduleBytes, set, type KernelFunction, type KernelModule, type WasmMemory } from './wasm-assembler.ts';

/** One image's zero-padded copy: `rows` input rows of `columnBytes` each land at `padLeft` in rows of the padded image. */
export interface PadShape {
  /** Bytes from the padded image's start to its first copied value (top rows and the first left padding). */
  readonly firstBytes: number;
  readonly rows: number;
  readonly columnBytes: number;
  readonly inRowBytes: number;
  readonly outRowBytes: number;
  readonly outImageBytes: number;
}

// Params: 0 src, 1 dst (one image each). Locals: 2 S, 3 D, 4 row counter.
const [SRC, DST, S, D, ROW] = [0, 1, 2, 3, 4];

/**
 * Zeroes only what no row covers, as one run each: the top rows with the first left padding,
 * a row's right padding with the next row's left padding, and the last right padding with the
 * bottom rows; so every byte of the image is written once.
 */
const body = (p: PadShape): number[] => [
  ...zeroBytes(DST, 0, p.firstBytes),
  ...get(SRC), ...set(S),
  ...get(DST), ...set(D), ...advance(D, p.firstBytes),
  ...repeat(ROW, p.rows - 1, [
    ...copyBytes(D, 0, S, 0, p.columnBytes),
    ...zeroBytes(D, p.columnBytes, p.outRowBytes - p.columnBytes),
    ...advance(S, p.inRowBytes),
    ...advance(D, p.outRowBytes),
  ]),
  ...copyBytes(D, 0, S, 0, p.columnBytes),
  ...zeroBytes(D, p.columnBytes, p.outImageBytes - p.firstBytes - (p.rows - 1) * p.outRowBytes - p.columnBytes),
];

/** (src, dst): writes one padded image. Requires rows >= 1. */
export const padCopyFunction = (p: PadShape): KernelFunction => ({ params: 2, i32Locals: 3, v128Locals: 0, body: body(p) });

export const padShapeKey = (p: PadShape): string => `${p.firstBytes}/${p.rows}/${p.columnBytes}/${p.inRowBytes}/${p.outRowBytes}/${p.outImageBytes}`;

/** The module for one padding shape; its f0(src, dst) writes one padded image. Requires rows >= 1. */
export const padCopyModule = (memory: WasmMemory, p: PadShape): KernelModule => ({
  key: `pad-copy/${padShapeKey(p)}`,
  bytes: () => moduleBytes([padCopyFunction(p)], isShared(memory)),
});
