import * as E from 'fp-ts/lib/Either.js';
import type { Graph } from './graph.ts';
import { outputShapes } from './infer-shapes.ts';

/** What a loaded model is about to be given: images of one shape, labels of so many classes. */
export interface DataShape {
  /** Where the data comes from, for the message: `data/cifar10-records`. */
  readonly name: string;
  readonly imageShape: readonly number[];
  readonly classes: number;
}

/**
 * Right when the graph takes these images and scores these classes. A model file is untrusted
 * input: one that does not fit gets this line, not a tfjs broadcasting error in the middle of a run.
 */
export const checkFits = (graph: Graph, data: DataShape): E.Either<string, Graph> => {
  const shapes = outputShapes(graph);
  const input = (shapes.get(graph.nodes[0]?.name ?? '') ?? []).join('x');
  const classes = (shapes.get(graph.nodes.at(-1)?.name ?? '') ?? []).at(-1);
  return input === data.imageShape.join('x') && classes === data.classes
    ? E.right(graph)
    : E.left(`the model takes ${input} images and scores ${classes} classes, but ${data.name} holds ${data.imageShape.join('x')} images of ${data.classes} classes`);
};
