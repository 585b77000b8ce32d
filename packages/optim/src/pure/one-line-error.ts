import type * as t from 'io-ts';

/**
 * The first io-ts error as one line: `<what>.<path>: <message>`. The first is enough to act on; fixing
 * it and re-running shows the next. Path keys are field names (`then.milestones`).
 */
export const oneLineError = (what: string, errors: t.Errors): string => {
  const first = errors[0];
  if (first === undefined) return `${what} is invalid`;
  const path = [what, ...first.context.map((entry) => entry.key)].filter((key) => key !== '').join('.');
  const last = first.context[first.context.length - 1];
  const message = first.message ?? `expected ${last?.type.name ?? 'a valid value'}, got ${JSON.stringify(first.value)}`;
  return path === '' ? message : `${path}: ${message}`;
};
