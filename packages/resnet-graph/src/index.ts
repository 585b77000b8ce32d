export * from './pure/index.ts';
export { compile, type CompileOptions, type Recompute } from './compile.ts';
export { loadModel, type LoadOptions } from './load-model.ts';
export type { LossAndGradients, ResnetModel } from './resnet-model.ts';
export { saveModel, type SaveOptions } from './save-model.ts';
export { checkSaveTarget, type SaveTarget } from './save-target.ts';
export type { Tf } from './tf.ts';
export { getWeights, setWeights } from './weights.ts';
