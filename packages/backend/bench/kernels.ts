// Per ResNet-20 layer shape: forward conv, input gradient, filter gradient in GFLOP/s.
// npx tsx packages/backend/bench/kernels.ts [--backend wasm] [--batches 128,32] [--runs 5]
import * as tf from '@tensorflow/tfjs';
import {
  convFlops,
  defaultConvSelector,
  convGeometry,
  setWasmBackpropFilterSelector,
  setWasmBackpropInputSelector,
  setWasmConvSelector,
  type BackpropFilterMethod,
  type BackpropInputMethod,
} from '../src/index.ts';
import { argValue, benchSetup, timeMs } from './bench-support.ts';

interface Layer {
  readonly name: string;
  readonly size: number;
  readonly cin: number;
  readonly cout: number;
  readonly k: number;
  readonly stride: number;
}

const layers: readonly Layer[] = [
  { name: 'stem conv', size: 32, cin: 3, cout: 16, k: 3, stride: 1 },
  { name: 'stage1 conv', size: 32, cin: 16, cout: 16, k: 3, stride: 1 },
  { name: 'stage2 conv1 (s2)', size: 32, cin: 16, cout: 32, k: 3, stride: 2 },
  { name: 'stage2 shortcut 1x1 s2', size: 32, cin: 16, cout: 32, k: 1, stride: 2 },
  { name: 'stage2 conv', size: 16, cin: 32, cout: 32, k: 3, stride: 1 },
  { name: 'stage3 conv1 (s2)', size: 16, cin: 32, cout: 64, k: 3, stride: 2 },
  { name: 'stage3 shortcut 1x1 s2', size: 16, cin: 32, cout: 64, k: 1, stride: 2 },
  { name: 'stage3 conv', size: 8, cin: 64, cout: 64, k: 3, stride: 1 },
];

const runs = Number(argValue('runs', '5'));
const run = (kernel: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap) => () =>
  (tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor).dispose();

const benchLayer = (l: Layer, batch: number): string => {
  const g = convGeometry([batch, l.size, l.size, l.cin], [l.k, l.k, l.cin, l.cout], l.stride, 'same', undefined, 'NHWC');
  const gflop = convFlops(g) / 1e9;
  const x = tf.randomNormal([batch, l.size, l.size, l.cin]);
  const w = tf.randomNormal([l.k, l.k, l.cin, l.cout]);
  const dy = tf.randomNormal([batch, g.outHeight, g.outWidth, l.cout]);
  const attrs = { strides: l.stride, pad: 'same', dataFormat: 'NHWC', dilations: 1 };
  const rate = (f: () => void): string => (gflop / (timeMs(f, 2, runs) / 1000)).toFixed(2).padStart(6);
  // Forward by each method; the passes below use the default (direct where it fits).
  const byConvMethod = (m: 'direct' | 'stock'): string => {
    setWasmConvSelector(() => m);
    return rate(run(tf.Conv2D, { x, filter: w }, attrs));
  };
  const fwd = tf.getBackend() === 'wasm' ? `${byConvMethod('direct')} ${byConvMethod('stock')}` : rate(run(tf.Conv2D, { x, filter: w }, attrs));
  setWasmConvSelector(defaultConvSelector);
  const byMethod = (m: BackpropInputMethod): string => {
    setWasmBackpropInputSelector(() => m);
    return rate(run(tf.Conv2DBackpropInput, { dy, filter: w }, { ...attrs, inputShape: x.shape }));
  };
  const input =
    tf.getBackend() === 'wasm'
      ? `${l.stride > 1 ? byMethod('subpixel') : '     -'} ${byMethod('conv')} ${byMethod('stock')}`
      : `${byMethod('conv')}`;
  const byFilterMethod = (m: BackpropFilterMethod): string => {
    setWasmBackpropFilterSelector(() => m);
    return rate(run(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs, filterShape: w.shape }));
  };
  const filter = tf.getBackend() === 'wasm' ? `${byFilterMethod('simd')} ${byFilterMethod('conv')}` : byFilterMethod('conv');
  tf.dispose([x, w, dy]);
  return `${l.name.padEnd(24)} ${String(batch).padStart(5)} ${gflop.toFixed(3).padStart(7)} ${fwd} ${input} ${filter}`;
};

const main = async (): Promise<void> => {
  await benchSetup(argValue('backend', 'wasm') as 'wasm' | 'cpu');
  console.log(`median of ${runs} runs after 2 warm-up, GFLOP/s (GFLOP = forward conv FLOPs, same for each pass)`);
  const dxColumns = tf.getBackend() === 'wasm' ? 'dx:sub dx:cnv dx:stk' : '    dx';
  const dwColumns = tf.getBackend() === 'wasm' ? 'dW:smd dW:cnv' : '    dW';
  const fwdColumns = tf.getBackend() === 'wasm' ? 'fw:dir fw:stk' : '   fwd';
  console.log(`${'layer'.padEnd(24)} batch   GFLOP ${fwdColumns} ${dxColumns} ${dwColumns}`);
  for (const batch of argValue('batches', '128,32').split(',').map(Number)) {
    for (const l of layers) console.log(benchLayer(l, batch));
  }
};

await main();
