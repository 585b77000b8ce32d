import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Graph } from './graph.ts';
import { nodeInputs, type Node, type Shape } from './node.ts';

type Image = readonly [number, number, number];

const image = (node: Node, shape: Shape | undefined): E.Either<string, Image> => {
  const [h, w, c] = shape ?? [];
  return shape?.length === 3 && h !== undefined && w !== undefined && c !== undefined
    ? E.right([h, w, c])
    : E.left(`${node.name}: ${node.kind} needs a height x width x channels input, got [${(shape ?? []).join(', ')}]`);
};

const side = (node: Node, size: number, kernel: number, stride: number, pad: number): E.Either<string, number> => {
  const out = Math.floor((size + 2 * pad - kernel) / stride) + 1;
  return out >= 1 ? E.right(out) : E.left(`${node.name}: a ${kernel}x${kernel} window does not fit a side of ${size}`);
};

const spatialShape = (node: Node, [h, w]: Image, kernel: number, stride: number, pad: number, channels: number) =>
  pipe(
    E.Do,
    E.bind('oh', () => side(node, h, kernel, stride, pad)),
    E.bind('ow', () => side(node, w, kernel, stride, pad)),
    E.map(({ oh, ow }): Shape => [oh, ow, channels]),
  );

/** The output shape of one node from the shapes of its inputs (in the order of `node.inputs`). */
export const nodeShape = (node: Node, inputs: ReadonlyArray<Shape>): E.Either<string, Shape> => {
  const first = inputs[0];
  switch (node.kind) {
    case 'input':
      return pipe(image(node, node.shape), E.map((s): Shape => s));
    case 'conv':
      if (node.init === 'identity' && node.kernel !== 1) return E.left(`${node.name}: an identity projection must be 1x1, got ${node.kernel}x${node.kernel}`);
      return pipe(image(node, first), E.chain((s) => spatialShape(node, s, node.kernel, node.stride, node.pad, node.filters)));
    case 'channelPad':
      return pipe(
        image(node, first),
        E.filterOrElse(([, , c]) => c <= node.filters, ([, , c]) => `${node.name}: cannot zero-pad ${c} channels down to ${node.filters}`),
        E.chain((s) => spatialShape(node, s, 1, node.stride, 0, node.filters)),
      );
    case 'avgPool':
      return pipe(image(node, first), E.chain((s) => spatialShape(node, s, node.size, node.size, 0, s[2])));
    case 'dense':
      return E.right([node.units]);
    case 'add':
      return first !== undefined && inputs[1] !== undefined && first.join('x') === inputs[1].join('x')
        ? E.right(first)
        : E.left(`${node.name}: add needs two inputs of one shape, got [${inputs.map((s) => s.join('x')).join('] and [')}]`);
    case 'softmax':
      return first?.length === 1 ? E.right(first) : E.left(`${node.name}: softmax needs a vector input, got [${(first ?? []).join('x')}]`);
    case 'batchNorm':
    case 'relu':
      return first !== undefined ? E.right(first) : E.left(`${node.name}: missing input`);
  }
};

const step = (shapes: ReadonlyMap<string, Shape>, node: Node): E.Either<string, ReadonlyMap<string, Shape>> => {
  if (shapes.has(node.name)) return E.left(`node name "${node.name}" is used twice`);
  const missing = nodeInputs(node).find((name) => !shapes.has(name));
  if (missing !== undefined) return E.left(`${node.name}: reads "${missing}", which is not an earlier node`);
  return pipe(
    nodeShape(node, nodeInputs(node).map((name) => shapes.get(name) ?? [])),
    E.map((shape) => new Map([...shapes, [node.name, shape]])),
  );
};

/**
 * Output shape (per image) of every node, checking the wiring on the way: unique names, inputs
 * that name earlier nodes, shapes that fit. Keyed by node name, in graph order.
 */
export const inferShapes = (graph: Graph): E.Either<string, ReadonlyMap<string, Shape>> =>
  graph.nodes.reduce<E.Either<string, ReadonlyMap<string, Shape>>>((acc, node) => pipe(acc, E.chain((shapes) => step(shapes, node))), E.right(new Map()));

/** `inferShapes` for a graph already validated (from `resnet` or `graphFromJson`); a bad one is a bug. */
export const outputShapes = (graph: Graph): ReadonlyMap<string, Shape> =>
  pipe(
    inferShapes(graph),
    E.getOrElseW((message) => {
      throw new Error(`outputShapes needs a validated graph: ${message}`);
    }),
  );
