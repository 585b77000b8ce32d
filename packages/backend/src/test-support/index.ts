// Shared with the other packages' tests: the float64 references, their error measure, and the WebGPU gate
// (seeds and seeded inputs are @resnet-cifar/test-support's).
export { refBatchNorm, refBatchNormGrad } from './batch-norm-reference.ts';
export { convCase, refBackpropFilter, refBackpropInput, refConv, refGeometry, type ConvCase } from './conv-reference.ts';
export { relativeError } from './relative-error.ts';
export { describeOnWebGpu, webgpuAvailable } from './webgpu.ts';
