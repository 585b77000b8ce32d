import { padCopyFunction, padShapeKey, type PadShape } from './pad-copy-module.ts';
import { convRowsFunction, convShapeKey, type ConvShape } from './simd-conv-module.ts';
import { call, get, isShared, moduleBytes, type KernelModule, type WasmMemory } from './wasm-assembler.ts';

/**
 * One image's zero-padded copy and its convolution in one kernel call, so the core that writes
 * the padded image reads it back at once, from its own cache. As two jobs (all copies, then all
 * convolutions) the padded batch (9.5 MB at stage 1) went out to L3 and came back, half of it
 * to the other core, and that pass scaled with neither the second core nor the convolution.
 * `padded` is last, so that it can be the calling thread's scratch block (JobOptions.scratch):
 * one padded image per core, reused from its cache, instead of one per image written out to memory.
 */
export const paddedConvModule = (memory: WasmMemory, pad: PadShape, conv: ConvShape): KernelModule => ({
  key: `padded-conv/${padShapeKey(pad)}/${convShapeKey(conv)}`,
  // f0(src, w, out, bias, rows, padded) calls f1 = the copy (src -> padded), then f2 = the convolution of padded.
  bytes: () =>
    moduleBytes(
      [
        { params: 6, i32Locals: 0, v128Locals: 0, body: [...get(0), ...get(5), ...call(1), ...[5, 1, 2, 3, 4].flatMap(get), ...call(2)] },
        padCopyFunction(pad),
        convRowsFunction(conv),
      ],
      isShared(memory),
    ),
});
