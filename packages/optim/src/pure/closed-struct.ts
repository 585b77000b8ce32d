import * as t from 'io-ts';

/**
 * Like `t.type`, but a key it does not know is an error, not silently kept or stripped: a typo
 * such as `milestone` in a config must not fall back to a default without a word.
 */
export const closedStruct = <P extends t.Props>(name: string, props: P): t.Type<t.TypeOfProps<P>, t.OutputOfProps<P>, unknown> => {
  const keys = Object.keys(props);
  const open = t.type(props, name);
  return new t.Type<t.TypeOfProps<P>, t.OutputOfProps<P>, unknown>(
    name,
    (u): u is t.TypeOfProps<P> => open.is(u) && Object.keys(u).every((k) => keys.includes(k)),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, `${name} must be an object`);
      const unknownKey = Object.keys(u).find((k) => !keys.includes(k));
      return unknownKey === undefined
        ? open.validate(u, c)
        : t.failure(u, c, `unknown field '${unknownKey}' in ${name} (expected ${keys.join(', ')})`);
    },
    open.encode,
  );
};
