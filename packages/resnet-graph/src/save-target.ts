import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { MODEL_FILE, WEIGHTS_FILE } from './pure/index.ts';

/**
 * What a save path holds. `saveModel` replaces only what this project wrote: a folder that is
 * absent or empty, or a saved model (model.json of this format beside its weights, nothing else).
 * `into` is a folder of the run's own files (its --output-dir): the model's two files are written
 * among them and nothing else there is touched.
 */
export type SaveTarget = 'new' | 'model' | 'into';

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const isOurManifest = async (path: string): Promise<boolean> => {
  const json = await readFile(path, 'utf8').then((text) => JSON.parse(text) as unknown, () => undefined);
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === 'resnet-cifar-model';
};

const listed = (names: readonly string[]): string => `${names.slice(0, 3).join(', ')}${names.length > 3 ? `, and ${names.length - 3} more` : ''}`;

/** Checks a save path before any work is done, so that a run never ends by destroying a folder of the user's. */
export const checkSaveTarget = async (dir: string, into = false): Promise<E.Either<string, SaveTarget>> => {
  const found = await stat(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error));
  if (found === undefined) return E.right('new');
  if (found instanceof Error) return E.left(`cannot use ${dir} for the model: ${reason(found)}`);
  if (!found.isDirectory()) return E.left(`${dir} is a file, not a folder: choose a folder for the model (it holds ${MODEL_FILE} and ${WEIGHTS_FILE})`);
  const names = (await readdir(dir)).sort();
  const ours = await isOurManifest(join(dir, MODEL_FILE));
  if (into) {
    return names.includes(MODEL_FILE) && !ours
      ? E.left(`${join(dir, MODEL_FILE)} exists and is not a model this project saved: it is never replaced; choose another --save-path`)
      : E.right('into');
  }
  if (names.length === 0) return E.right('new');
  if (ours && names.every((name) => name === MODEL_FILE || name === WEIGHTS_FILE)) return E.right('model');
  const others = names.filter((name) => !ours || (name !== MODEL_FILE && name !== WEIGHTS_FILE));
  return E.left(
    `${dir} exists and holds files this project did not write (${listed(others)}): a model is saved only to a new folder ` +
      'or over a model saved before, never over other files; choose another --save-path',
  );
};
