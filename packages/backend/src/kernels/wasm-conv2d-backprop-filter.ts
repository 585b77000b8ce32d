import * as tf from '@tensorflow/tfjs';
import { backpropFilterByConv } from './backprop-filter-by-conv.ts';
import { convGeometry } from './conv-geometry.ts';
import { asBackend, input } from './kernel-call.ts';

/** Conv2DBackpropFilter for wasm, which tfjs-backend-wasm 4.22 does not register (tfjs#8474). */
const kernelFunc: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const g = convGeometry(
    x.shape as [number, number, number, number],
    a.filterShape,
    a.strides,
    a.pad,
    a.dimRoundingMode,
    a.dataFormat,
  );
  return backpropFilterByConv('wasm', asBackend(backend), x, dy, g);
};

export const wasmConv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc,
};
