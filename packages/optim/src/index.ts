// @resnet-cifar/optim: neon's SGD with momentum on tfjs variables, plus the pure schedules and codecs.
export * from './pure/index.ts';
export { createSgd, type Sgd, type CreateSgdOptions } from './create-sgd.ts';
export { updateVariable, type UpdateInputs } from './update-rule.ts';
