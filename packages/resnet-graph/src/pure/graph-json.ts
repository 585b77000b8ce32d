import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { formatErrors } from './format-errors.ts';
import { Graph } from './graph.ts';
import { validateGraph } from './validate-graph.ts';

// Identity and wiring first, then the rest alphabetically: the same graph always prints the same text.
const leading = ['format', 'version', 'name', 'description', 'kind', 'inputs'];
const rank = (key: string): string => {
  const i = leading.indexOf(key);
  return i >= 0 ? `0${i}` : `1${key}`;
};

const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0))
            .map(([key, inner]) => [key, canonical(inner)]),
        )
      : value;

/** The graph's stable JSON text: canonical key order, one node per line. */
export const graphToJson = (graph: Graph): string => {
  const plain = canonical(Graph.encode(graph)) as { readonly nodes: ReadonlyArray<unknown> };
  const nodes = plain.nodes.map((node) => `    ${JSON.stringify(node)}`).join(',\n');
  const head = JSON.stringify({ ...plain, nodes: [] }, null, 2).replace(/"nodes": \[\]/, `"nodes": [\n${nodes}\n  ]`);
  return `${head}\n`;
};

/** Decodes a parsed JSON value into a graph that compiles, or says what is wrong in one line. */
export const decodeGraph = (value: unknown): E.Either<string, Graph> =>
  pipe(
    Graph.decode(value),
    E.mapLeft((errors) => `not a resnet-graph v1 graph: ${formatErrors(errors)}`),
    E.chain(validateGraph),
  );

/** `decodeGraph` from JSON text. */
export const graphFromJson = (text: string): E.Either<string, Graph> =>
  pipe(
    E.tryCatch(
      () => JSON.parse(text) as unknown,
      (error) => `graph JSON does not parse: ${error instanceof Error ? error.message : String(error)}`,
    ),
    E.chain(decodeGraph),
  );
