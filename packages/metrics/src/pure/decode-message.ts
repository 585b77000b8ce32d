import type * as t from 'io-ts';

const pathOf = (error: t.ValidationError): string =>
  error.context
    .map((entry) => entry.key)
    .filter((key) => key !== '' && !/^\d+$/.test(key))
    .join('.');

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

/**
 * Turns io-ts errors into one line a user can act on. Unions report one error per member;
 * the first few distinct ones are enough to see what is wrong.
 */
export const decodeMessage = (what: string, errors: t.Errors): string => {
  const parts = [
    ...new Set(
      errors.map((error) => {
        const at = pathOf(error);
        const got = show(error.value);
        const where = at === '' ? 'value' : at;
        return error.message === undefined ? `${where} is ${got}` : `${where}: ${error.message}`;
      }),
    ),
  ];
  const shown = parts.slice(0, 3).join('; ');
  return `invalid ${what}: ${shown}${parts.length > 3 ? ` (and ${parts.length - 3} more)` : ''}`;
};
