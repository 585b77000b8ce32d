import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Graph } from './graph.ts';
import { inferShapes } from './infer-shapes.ts';

/** Right(graph) when it can be compiled: one input first, the softmax last, wiring and shapes sound. */
export const validateGraph = (graph: Graph): E.Either<string, Graph> => {
  const inputs = graph.nodes.filter((node) => node.kind === 'input').length;
  if (graph.nodes[0]?.kind !== 'input' || inputs !== 1) return E.left(`graph ${graph.name}: the first node and only it must be the input`);
  if (graph.nodes[graph.nodes.length - 1]?.kind !== 'softmax') return E.left(`graph ${graph.name}: the last node must be the softmax`);
  return pipe(
    inferShapes(graph),
    E.mapLeft((message) => `graph ${graph.name}: ${message}`),
    E.map(() => graph),
  );
};
