import type { AddNode, BatchNormNode, ConvNode, ReluNode } from './node.ts';

/** neon's batch-norm constants: running average factor 0.9, epsilon 1e-3. */
export const NEON_BN_MOMENTUM = 0.9;
export const NEON_BN_EPSILON = 1e-3;

/** A trained, bias-free convolution with neon's symmetric padding (k = 3 pads 1). */
export const conv = (name: string, input: string, filters: number, kernel: number, stride: number): ConvNode => ({
  kind: 'conv',
  name,
  inputs: [input],
  filters,
  kernel,
  stride,
  pad: (kernel - 1) / 2,
  init: 'kaiming',
  trainable: true,
});

/** neon's shortcut: a 1x1 stride-s convolution fixed to the identity, never trained. */
export const identityProjection = (name: string, input: string, filters: number, stride: number): ConvNode => ({
  ...conv(name, input, filters, 1, stride),
  init: 'identity',
  trainable: false,
});

export const batchNorm = (name: string, input: string): BatchNormNode => ({
  kind: 'batchNorm',
  name,
  inputs: [input],
  epsilon: NEON_BN_EPSILON,
  momentum: NEON_BN_MOMENTUM,
  trainable: true,
});

export const relu = (name: string, input: string): ReluNode => ({ kind: 'relu', name, inputs: [input] });

export const add = (name: string, left: string, right: string): AddNode => ({ kind: 'add', name, inputs: [left, right] });
