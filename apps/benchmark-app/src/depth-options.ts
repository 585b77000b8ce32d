import { flag, int, option } from '@resnet-cifar/cli-options';
import { measureOptionSpec } from './measure-options.ts';

/** Options of one child (src/measure-depth.ts): a depth and the shared measurement options. */
export const depthOptionSpec = {
  depth: option(int(1, 200), 'n, residual modules per stage (6n+2 layers)', 3),
  ...measureOptionSpec,
  fail: option(flag, 'testing: fail on purpose after start-up, to prove one failing depth does not stop the others', false),
};
