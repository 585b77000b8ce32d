import * as tf from '@tensorflow/tfjs';
import { heapView, makeWasmOutput } from './wasm-heap.ts';
import { tileInPlace } from './tile-in-place.ts';
import { asBackend, input, withStockSetup } from './kernel-call.ts';

/**
 * Tile for wasm by block copies in the heap. The stock kernel computes an index per element
 * (about 10M elements/s): too slow for the per-channel broadcasts of a batch-norm gradient.
 */
export const makeWasmTileConfig = (stock: tf.KernelConfig | undefined): tf.KernelConfig => ({
  kernelName: tf.Tile,
  backendName: 'wasm',
  ...withStockSetup(stock),
  kernelFunc: (args) => {
    const x = input(args.inputs, 'x');
    const backend = asBackend(args.backend);
    const { reps } = args.attrs as unknown as tf.TileAttrs;
    if (x.dtype === 'string' || x.dtype === 'complex64') {
      if (stock === undefined) throw new Error(`Tile of ${x.dtype} is not supported on wasm`);
      return stock.kernelFunc(args);
    }
    const outShape = x.shape.map((d, i) => d * (reps[i] ?? 1));
    const out = makeWasmOutput(backend, outShape, x.dtype);
    if (outShape.some((d) => d === 0)) return out;
    tileInPlace(heapView(backend, x), x.shape, reps, heapView(backend, out));
    return out;
  },
});
