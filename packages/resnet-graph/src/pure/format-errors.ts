import type * as t from 'io-ts';

const describe = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

// Union and intersection members add a context entry keyed by their index; that is not a path.
// (exact and readonly wrappers add no entry of their own, so look through them).
interface Tagged {
  readonly _tag?: string;
  readonly type?: unknown;
}
const isCombinator = (entry: t.ContextEntry | undefined): boolean => {
  let codec = entry?.type as Tagged | undefined;
  while (codec?._tag === 'ExactType' || codec?._tag === 'ReadonlyType') codec = codec.type as Tagged | undefined;
  return codec?._tag === 'UnionType' || codec?._tag === 'IntersectionType';
};

const one = (error: t.ValidationError): string => {
  const path = error.context
    .filter((entry, i) => entry.key !== '' && !isCombinator(error.context[i - 1]))
    .map((entry) => entry.key)
    .join('.');
  const expected = error.message ?? `expected ${error.context[error.context.length - 1]?.type.name ?? 'a valid value'}`;
  return `${path === '' ? 'value' : path}: ${expected}, got ${describe(error.value)}`;
};

/** io-ts errors as one line a user can act on (the first three, then a count). */
export const formatErrors = (errors: t.Errors): string => {
  const lines = [...new Set(errors.map(one))];
  const more = lines.length > 3 ? ` (and ${lines.length - 3} more)` : '';
  return lines.slice(0, 3).join('; ') + more;
};
