import { createHash } from 'node:crypto';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { Graph, manifestToJson, MODEL_FILE, WEIGHTS_FILE, weightEntries, type ModelManifest } from './pure/index.ts';
import type { ResnetModel } from './resnet-model.ts';
import { getWeights } from './weights.ts';
import { checkSaveTarget } from './save-target.ts';
import { writeDirectoryAtomically, writeFilesInto } from './write-directory-atomically.ts';

// float32 little-endian whatever the host's byte order, so the file means the same everywhere.
const packWeights = async (model: ResnetModel): Promise<Uint8Array> => {
  const weights = await getWeights(model);
  const total = [...weights.values()].reduce((sum, values) => sum + values.length, 0);
  const bytes = new Uint8Array(4 * total);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const values of weights.values()) {
    for (const value of values) {
      view.setFloat32(offset, value, true);
      offset += 4;
    }
  }
  return bytes;
};

const manifestFor = (model: ResnetModel, bytes: Uint8Array): ModelManifest => ({
  format: 'resnet-cifar-model',
  version: 1,
  graph: Graph.encode(model.graph),
  weights: {
    file: WEIGHTS_FILE,
    byteLength: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    entries: weightEntries(model.parameters),
  },
});

export interface SaveOptions {
  /**
   * Write the two files into `dir`, an existing folder of other files of this project (a run's
   * output folder), leaving the rest alone; weights first, so a model.json never names other weights.
   */
  readonly into?: boolean;
}

/**
 * Saves the graph and every parameter (trainable, fixed, running statistics) to `dir` as
 * `model.json` + `weights.bin` (FORMAT.md), atomically: `dir` is replaced whole or not at all.
 * Only a new or empty folder, or a model saved before, is replaced (checkSaveTarget); anything else
 * is refused, never deleted.
 */
export const saveModel = (dir: string, model: ResnetModel, options: SaveOptions = {}): TE.TaskEither<string, void> =>
  pipe(
    () => checkSaveTarget(dir, options.into),
    TE.chain(() => TE.fromTask(() => packWeights(model))),
    TE.chain((bytes) =>
      TE.tryCatch(
        () => {
          const files = [[WEIGHTS_FILE, bytes], [MODEL_FILE, manifestToJson(manifestFor(model, bytes), model.graph)]] as const;
          return options.into ? writeFilesInto(dir, files) : writeDirectoryAtomically(dir, files);
        },
        (error) => `cannot save the model to ${dir}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    ),
  );
