import type * as E from 'fp-ts/lib/Either.js';
import { type NeonColumn, type NeonRow, renderNeonTable } from '../pure/neon-table.ts';
import { writeFileAtomic } from './write-text-file.ts';

/** Writes neon's README table (optionally with reference columns) as a markdown file. */
export const writeNeonTable = (
  path: string,
  rows: ReadonlyArray<NeonRow>,
  columns?: ReadonlyArray<NeonColumn>,
): E.Either<string, string> => writeFileAtomic(path, renderNeonTable(rows, columns));
