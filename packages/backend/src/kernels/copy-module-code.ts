import { add, brIf0, end, get, i32, loop, memoryCopy, memoryFill, set, sub } from './wasm-assembler.ts';

/** Code pieces the copy kernels share: byte runs at pointers held in i32 locals, sizes constant. */

/** memory.copy of `bytes` from local `src` (+ srcOffset) to local `dst` (+ dstOffset); nothing for 0. */
export const copyBytes = (dst: number, dstOffset: number, src: number, srcOffset: number, bytes: number): number[] =>
  bytes <= 0 ? [] : [...get(dst), ...i32(dstOffset), ...add, ...get(src), ...i32(srcOffset), ...add, ...i32(bytes), ...memoryCopy];

/** Zeroes `bytes` from local `dst` + offset; nothing for 0. */
export const zeroBytes = (dst: number, offset: number, bytes: number): number[] =>
  bytes <= 0 ? [] : [...get(dst), ...i32(offset), ...add, ...i32(0), ...i32(bytes), ...memoryFill];

/** local += step. */
export const advance = (local: number, step: number): number[] => [...get(local), ...i32(step), ...add, ...set(local)];

/** `body` run `times` times, counted down in local `counter`: nothing for 0, no loop for 1. */
export const repeat = (counter: number, times: number, body: number[]): number[] => {
  if (times <= 0) return [];
  if (times === 1) return body;
  return [
    ...i32(times), ...set(counter),
    ...loop,
    ...body,
    ...get(counter), ...i32(1), ...sub, ...set(counter),
    ...get(counter), ...brIf0,
    ...end,
  ];
};
