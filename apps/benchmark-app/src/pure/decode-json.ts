import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type * as t from 'io-ts';

const pathOf = (error: t.ValidationError): string =>
  error.context.map((c) => c.key).filter((k) => k !== '' && !/^\d+$/.test(k)).join('.') || 'value';

/** Parses JSON text and decodes it with `codec`; Left is one line naming the first bad field. */
export const decodeJson = <A, O>(codec: t.Type<A, O, unknown>, text: string, what: string): E.Either<string, A> =>
  pipe(
    E.tryCatch(() => JSON.parse(text) as unknown, () => `${what} is not JSON: ${text.slice(0, 120)}`),
    E.flatMap((value) =>
      pipe(
        codec.decode(value),
        E.mapLeft((errors) => {
          const first = errors[0];
          return first === undefined ? `${what} does not fit ${codec.name}` : `${what}: bad ${pathOf(first)} (${JSON.stringify(first.value)?.slice(0, 60)})`;
        }),
      ),
    ),
  );
