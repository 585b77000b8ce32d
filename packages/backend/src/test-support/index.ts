// Shared with the other packages' tests: the float64 references, seeded inputs, and the WebGPU gate.
export { refBatchNorm, refBatchNormGrad } from './batch-norm-reference.ts';
export { convCase, refBackpropFilter, refBackpropInput, refConv, refGeometry, type ConvCase } from './conv-reference.ts';
export { randomValues, relativeError, seededRandom, testSeed } from './seeded-random.ts';
export { describeOnWebGpu, webgpuAvailable } from './webgpu.ts';
