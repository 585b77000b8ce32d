import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { Graph } from './graph.ts';
import { graphToJson } from './graph-json.ts';
import { NonNegativeInteger, PositiveInteger } from './number-codecs.ts';
import { parameterSize, type ParameterSpec } from './parameters.ts';

/** One parameter in `weights.bin`: float32 little-endian, row-major, at `offset` bytes. */
export const WeightEntry = t.readonly(
  t.strict({
    name: t.string,
    shape: t.readonlyArray(PositiveInteger),
    dtype: t.literal('float32'),
    offset: NonNegativeInteger,
    role: t.keyof({ trainable: null, fixed: null, running: null }),
  }),
);
export type WeightEntry = t.TypeOf<typeof WeightEntry>;

/** `model.json`: the graph and where each of its parameters sits in the weights file (see FORMAT.md). */
export const ModelManifest = t.readonly(
  t.strict({
    format: t.literal('resnet-cifar-model'),
    version: t.literal(1),
    graph: t.unknown,
    weights: t.readonly(
      t.strict({ file: t.string, byteLength: NonNegativeInteger, sha256: t.string, entries: t.readonlyArray(WeightEntry) }),
    ),
  }),
);
export type ModelManifest = t.TypeOf<typeof ModelManifest>;

export const WEIGHTS_FILE = 'weights.bin';
export const MODEL_FILE = 'model.json';

/** Entries for the parameters in order, packed back to back. */
export const weightEntries = (specs: ReadonlyArray<ParameterSpec>): ReadonlyArray<WeightEntry> =>
  specs.reduce<{ readonly entries: ReadonlyArray<WeightEntry>; readonly offset: number }>(
    (acc, spec) => ({
      entries: [...acc.entries, { name: spec.name, shape: spec.shape, dtype: 'float32', offset: acc.offset, role: spec.role }],
      offset: acc.offset + 4 * parameterSize(spec),
    }),
    { entries: [], offset: 0 },
  ).entries;

const listed = (names: ReadonlyArray<string>): string =>
  names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');

/**
 * Right when the manifest lists exactly the graph's parameters, with the same shapes, each inside
 * a weights file of `byteLength` bytes; otherwise what differs, in one line.
 */
export const checkEntries = (graph: Graph, specs: ReadonlyArray<ParameterSpec>, manifest: ModelManifest): E.Either<string, ModelManifest> => {
  const entries = new Map(manifest.weights.entries.map((entry) => [entry.name, entry]));
  const missing = specs.filter((spec) => !entries.has(spec.name)).map((spec) => spec.name);
  const known = new Set(specs.map((spec) => spec.name));
  const unknown = manifest.weights.entries.filter((entry) => !known.has(entry.name)).map((entry) => entry.name);
  const reshaped = specs.filter((spec) => {
    const entry = entries.get(spec.name);
    return entry !== undefined && entry.shape.join('x') !== spec.shape.join('x');
  });
  const outside = manifest.weights.entries.filter(
    (entry) => entry.offset + 4 * entry.shape.reduce((a, b) => a * b, 1) > manifest.weights.byteLength,
  );
  const problems = [
    missing.length > 0 ? `the weights lack ${listed(missing)}` : '',
    unknown.length > 0 ? `the weights have parameters the graph does not: ${listed(unknown)}` : '',
    ...reshaped.slice(0, 2).map((spec) => `${spec.name} is [${entries.get(spec.name)?.shape.join(', ')}] in the weights but [${spec.shape.join(', ')}] in the graph`),
    outside.length > 0 ? `${listed(outside.map((entry) => entry.name))} end past byte ${manifest.weights.byteLength}` : '',
  ].filter((problem) => problem !== '');
  return problems.length === 0 ? E.right(manifest) : E.left(`weights do not match graph ${graph.name}: ${problems.join('; ')}`);
};

/** `model.json` text for people too: the graph one node per line, the weights one entry per line. */
export const manifestToJson = (manifest: ModelManifest, graph: Graph): string => {
  const graphText = graphToJson(graph).trimEnd().replace(/\n/g, '\n  ');
  const entries = manifest.weights.entries.map((entry) => `      ${JSON.stringify(entry)}`).join(',\n');
  const skeleton = { ...manifest, graph: '@graph', weights: { ...manifest.weights, entries: '@entries' } };
  return `${JSON.stringify(skeleton, null, 2).replace('"@graph"', graphText).replace('"@entries"', `[\n${entries}\n    ]`)}\n`;
};
