import type * as t from 'io-ts';

const show = (value: unknown): string => {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * io-ts errors -> one readable line naming the first bad field, e.g.
 * `field splits.train.count: expected NonNegativeInt, got -3`.
 */
export const formatDecodeErrors = (errors: t.Errors): string => {
  const first = errors[0];
  if (first === undefined) return 'invalid value';
  const path = first.context
    .map((entry) => entry.key)
    .filter((key) => key !== '')
    .join('.');
  const expected = first.context[first.context.length - 1]?.type.name ?? 'a valid value';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
  return `field ${path === '' ? '(root)' : path}: expected ${expected}, got ${show(first.value)}${more}`;
};
