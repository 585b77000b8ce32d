import * as E from 'fp-ts/lib/Either.js';
import { IMAGE_BYTES } from './manifest.ts';
import type { DataFile, Manifest, SplitEntry } from './manifest.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;
// Data files live in the repository folder itself: a path here would point outside it.
const PLAIN_NAME = /^[A-Za-z0-9._-]+$/;

const fileProblem = (field: string, file: DataFile, bytes: number): string | undefined =>
  !PLAIN_NAME.test(file.file) || file.file.startsWith('.')
    ? `${field}.file ${JSON.stringify(file.file)} is not a plain file name`
    : !SHA256_HEX.test(file.sha256)
      ? `${field}.sha256 is not 64 lowercase hex digits`
      : file.bytes !== bytes
        ? `${field}.bytes is ${file.bytes} but ${bytes} are expected for the split's count`
        : undefined;

const splitProblem = (name: string, split: SplitEntry, classCount: number): string | undefined => {
  const total = split.perClassCounts.reduce((sum, n) => sum + n, 0);
  return split.perClassCounts.length !== classCount
    ? `splits.${name}.perClassCounts has ${split.perClassCounts.length} entries for ${classCount} classes`
    : total !== split.count
      ? `splits.${name}.perClassCounts sum to ${total}, not the count ${split.count}`
      : (fileProblem(`splits.${name}.images`, split.images, split.count * IMAGE_BYTES) ??
        fileProblem(`splits.${name}.labels`, split.labels, split.count));
};

/** What the codec cannot say on its own: sizes, counts and names that must agree with each other. */
export const checkManifestConsistency = (manifest: Manifest): E.Either<string, Manifest> => {
  const problems = Object.entries(manifest.splits).flatMap(([name, split]) => {
    const problem = split === undefined ? undefined : splitProblem(name, split, manifest.classNames.length);
    return problem === undefined ? [] : [problem];
  });
  const files = Object.values(manifest.splits).flatMap((split) => (split ? [split.images.file, split.labels.file] : []));
  if (new Set(files).size !== files.length) problems.push('two splits name the same data file');
  return problems[0] === undefined ? E.right(manifest) : E.left(problems[0]);
};
