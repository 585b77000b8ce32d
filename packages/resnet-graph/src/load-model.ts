import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { compile, type CompileOptions } from './compile.ts';
import { checkEntries, checkFits, decodeGraph, formatErrors, MODEL_FILE, ModelManifest, parameters, type DataShape, type Graph } from './pure/index.ts';
import type { ResnetModel } from './resnet-model.ts';
import type { Tf } from './tf.ts';
import { setWeights } from './weights.ts';

const read = (path: string) =>
  TE.tryCatch(
    () => readFile(path),
    (error) => `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
  );

const decodeManifest = (path: string, bytes: Buffer): E.Either<string, ModelManifest> =>
  pipe(
    E.tryCatch(
      () => JSON.parse(bytes.toString('utf8')) as unknown,
      (error) => `${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    ),
    E.chain((json) => pipe(ModelManifest.decode(json), E.mapLeft((errors) => `${path} is not a resnet-cifar model manifest v1: ${formatErrors(errors)}`))),
    // The weights file must sit beside model.json: a path in it could point anywhere.
    E.filterOrElse(
      (manifest) => /^[\w.-]+$/.test(manifest.weights.file) && !manifest.weights.file.startsWith('.'),
      (manifest) => `${path}: weights.file must be a plain file name beside it, got ${JSON.stringify(manifest.weights.file)}`,
    ),
  );

const checkBytes = (path: string, manifest: ModelManifest, bytes: Buffer): E.Either<string, Buffer> => {
  if (bytes.byteLength !== manifest.weights.byteLength)
    return E.left(`${path} has ${bytes.byteLength} bytes but model.json expects ${manifest.weights.byteLength}: truncated, or from another model`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return sha256 === manifest.weights.sha256 ? E.right(bytes) : E.left(`${path} is corrupt: its sha256 is ${sha256}, model.json expects ${manifest.weights.sha256}`);
};

// Little-endian float32 by entry offset, whatever the host's byte order.
const unpack = (manifest: ModelManifest, bytes: Buffer): ReadonlyMap<string, Float32Array> => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Map(
    manifest.weights.entries.map((entry) => {
      const values = new Float32Array(entry.shape.reduce((a, b) => a * b, 1));
      for (let i = 0; i < values.length; i += 1) values[i] = view.getFloat32(entry.offset + 4 * i, true);
      return [entry.name, values] as const;
    }),
  );
};

/** How a loaded model trains; its weights come from the file, so no seed. */
export type LoadOptions = Pick<CompileOptions, 'recompute'>;

const build = (tf: Tf, graph: Graph, weights: ReadonlyMap<string, Float32Array>, how: LoadOptions): E.Either<string, ResnetModel> => {
  const model = compile(graph, tf, { ...how, seed: 1 }); // setWeights replaces every initial value
  const written = setWeights(model, weights, tf);
  if (E.isLeft(written)) model.dispose();
  return pipe(
    written,
    E.map(() => model),
  );
};

/**
 * Loads what `saveModel` wrote: checks the manifest, the graph, that the weights list exactly the
 * graph's parameters with their shapes, the file's size and sha256, and (given `fits`) that the
 * network takes the data it is about to see; any failure is a one-line Left. `how.recompute` is
 * passed to `compile` for a model that is trained further (fine-tuning).
 */
export const loadModel = (dir: string, tf: Tf, fits?: DataShape, how: LoadOptions = {}): TE.TaskEither<string, ResnetModel> => {
  const manifestPath = join(dir, MODEL_FILE);
  const fitting = (graph: Graph) => (fits === undefined ? E.right(graph) : checkFits(graph, fits));
  return pipe(
    read(manifestPath),
    TE.chainEitherK((bytes) => decodeManifest(manifestPath, bytes)),
    TE.bindTo('manifest'),
    TE.bind('graph', ({ manifest }) => TE.fromEither(pipe(decodeGraph(manifest.graph), E.flatMap(fitting), E.mapLeft((message) => `${manifestPath}: ${message}`)))),
    TE.chainFirstEitherK(({ manifest, graph }) => checkEntries(graph, parameters(graph), manifest)),
    TE.bind('bytes', ({ manifest }) => {
      const weightsPath = join(dir, manifest.weights.file);
      return pipe(read(weightsPath), TE.chainEitherK((bytes) => checkBytes(weightsPath, manifest, bytes)));
    }),
    TE.chainEitherK(({ manifest, graph, bytes }) => build(tf, graph, unpack(manifest, bytes), how)),
  );
};
