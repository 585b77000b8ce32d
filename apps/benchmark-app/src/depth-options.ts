import { flag, int, option } from '@resnet-cifar/cli-options';
import { measureOptionSpec } from './measure-options.ts';

/** The deepest network a child builds (ResNet-1202 is n = 200); the parent refuses more up front. */
export const MAX_DEPTH = 200;

/** Options of one child (src/measure-depth.ts): a depth and the shared measurement options. */
export const depthOptionSpec = {
  depth: option(int(1, MAX_DEPTH), 'n, residual modules per stage (6n+2 layers)', 3),
  ...measureOptionSpec,
  fail: option(flag, 'testing: fail on purpose after start-up, to prove one failing depth does not stop the others', false),
};
