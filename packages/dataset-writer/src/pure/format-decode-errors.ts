import type * as t from 'io-ts';

const show = (value: unknown): string => {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const isCombinator = (type: t.Decoder<unknown, unknown> | undefined): boolean => {
  const tag = (type as { readonly _tag?: string } | undefined)?._tag;
  return tag === 'IntersectionType' || tag === 'UnionType';
};

/**
 * io-ts errors -> one readable line naming the first bad field, e.g.
 * `field splits.train.count: expected NonNegativeInt, got -3`.
 */
export const formatDecodeErrors = (errors: t.Errors): string => {
  const first = errors[0];
  if (first === undefined) return 'invalid value';
  // Members of an intersection or union are numbered by io-ts; those numbers are no field names.
  const path = first.context
    .filter((entry, i) => entry.key !== '' && !isCombinator(first.context[i - 1]?.type))
    .map((entry) => entry.key)
    .join('.');
  const expected = first.context[first.context.length - 1]?.type.name ?? 'a valid value';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
  return `field ${path === '' ? '(root)' : path}: expected ${expected}, got ${show(first.value)}${more}`;
};
