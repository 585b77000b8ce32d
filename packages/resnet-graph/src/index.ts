export * from './pure/index.ts';
export { compile, type CompileOptions } from './compile.ts';
export type { LossAndGradients, ResnetModel } from './resnet-model.ts';
export type { Tf } from './tf.ts';
