import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as t from 'io-ts';
import { decodeMessage } from './decode-message.ts';
import { type TrainEvent, type TrainEventJson, trainEventCodecs } from './train-event.ts';

const isKnownType = (type: unknown): type is keyof typeof trainEventCodecs =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(trainEventCodecs, type);

/** Decodes one event, picking the member by its `type` so the message names the real problem. */
export const decodeTrainEvent = (u: unknown): E.Either<string, TrainEvent> => {
  const type = typeof u === 'object' && u !== null ? (u as { type?: unknown }).type : undefined;
  if (!isKnownType(type)) {
    return E.left(`invalid train event: unknown type ${JSON.stringify(type) ?? 'undefined'}`);
  }
  const codec = trainEventCodecs[type] as t.Type<TrainEvent, unknown, unknown>;
  return pipe(
    codec.decode(u),
    E.mapLeft((errors) => decodeMessage(`${type} event`, errors)),
  );
};

export const encodeTrainEvent = (event: TrainEvent): TrainEventJson => {
  const codec = trainEventCodecs[event.type] as t.Type<TrainEvent, TrainEventJson, unknown>;
  return codec.encode(event);
};
