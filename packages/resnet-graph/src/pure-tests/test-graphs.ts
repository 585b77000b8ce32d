import * as E from 'fp-ts/lib/Either.js';
import type { Graph } from '../pure/graph.ts';
import { resnet } from '../pure/resnet.ts';
import type { ResnetOptions } from '../pure/resnet-options.ts';

/** `resnet(options)` for tests, where a Left is a failing test. */
export const graphOf = (options: ResnetOptions): Graph => {
  const graph = resnet(options);
  if (E.isLeft(graph)) throw new Error(graph.left);
  return graph.right;
};
