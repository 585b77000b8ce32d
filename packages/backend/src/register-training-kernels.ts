import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { makeWasmBroadcastBinaryConfig } from './kernels/wasm-broadcast-binary.ts';
import { cpuConv2DBackpropFilterConfig } from './kernels/cpu-conv2d-backprop-filter.ts';
import { makeWasmConv2DConfig, makeWasmFusedConv2DConfig } from './kernels/wasm-conv2d.ts';
import { makeWasmConv2DBackpropInputConfig } from './kernels/wasm-conv2d-backprop-input.ts';
import { wasmConv2DBackpropFilterConfig } from './kernels/wasm-conv2d-backprop-filter.ts';
import { makeWasmCastConfig, makeWasmIdentityConfig } from './kernels/wasm-identity.ts';
import { makeWasmMeanConfig, makeWasmSumConfig } from './kernels/wasm-outer-reduce.ts';
import { makeWasmReluConfig, makeWasmStepConfig, wasmReluGradConfig } from './kernels/wasm-elementwise.ts';
import { wasmSgdUpdateConfig } from './kernels/wasm-sgd-update.ts';
import { makeWasmTileConfig } from './kernels/wasm-tile.ts';
import { wasmBatchNormApplyConfig, wasmBatchNormGradConfig, wasmBatchNormTrainConfig } from './kernels/wasm-batch-norm.ts';

const stock = (name: string, backendName: string): tf.KernelConfig | undefined => tf.getKernel(name, backendName);

/** Built once, at import, from the stock kernels they fall back to. */
export const trainingKernelConfigs: readonly tf.KernelConfig[] = [
  makeWasmConv2DConfig(stock(tf.Conv2D, 'wasm')),
  makeWasmFusedConv2DConfig(stock(tf.FusedConv2D, 'wasm')),
  wasmConv2DBackpropFilterConfig,
  makeWasmConv2DBackpropInputConfig(stock(tf.Conv2DBackpropInput, 'wasm')),
  makeWasmTileConfig(stock(tf.Tile, 'wasm')),
  makeWasmSumConfig(stock(tf.Sum, 'wasm')),
  makeWasmMeanConfig(stock(tf.Mean, 'wasm')),
  makeWasmIdentityConfig(stock(tf.Identity, 'wasm')),
  makeWasmCastConfig(stock(tf.Cast, 'wasm')),
  ...[tf.Add, tf.Sub, tf.Multiply, tf.RealDiv].flatMap((name) => {
    const config = stock(name, 'wasm');
    return config === undefined ? [] : [makeWasmBroadcastBinaryConfig(config)];
  }),
  ...([[tf.Relu, makeWasmReluConfig], [tf.Step, makeWasmStepConfig]] as const).flatMap(([name, make]) => {
    const config = stock(name, 'wasm');
    return config === undefined ? [] : [make(config)];
  }),
  wasmBatchNormTrainConfig,
  wasmBatchNormGradConfig,
  wasmBatchNormApplyConfig,
  wasmReluGradConfig,
  wasmSgdUpdateConfig,
  cpuConv2DBackpropFilterConfig,
];

/**
 * Makes `wasm` able to train a ResNet, and `cpu` fast enough to be a last resort. Idempotent:
 * a kernel already ours stays; a stock one is unregistered first (tfjs warns on overwrite).
 * Call it before the first training step; registering never initialises a backend.
 */
export const registerTrainingKernels = (): void => {
  for (const config of trainingKernelConfigs) {
    const current = tf.getKernel(config.kernelName, config.backendName);
    if (current === config) continue;
    if (current !== undefined) tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel(config);
  }
};
