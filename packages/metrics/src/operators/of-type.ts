import { filter, type OperatorFunction } from 'rxjs';
import { type EventOf, isEvent, type TrainEvent, type TrainEventType } from '../pure/train-event.ts';

/** Only the events of one type, typed as such. */
export const ofType = <K extends TrainEventType>(type: K): OperatorFunction<TrainEvent, EventOf<K>> =>
  filter(isEvent(type));
