import { map, type OperatorFunction, pipe } from 'rxjs';
import { epochRowOf, type EpochRow } from '../pure/epoch-row.ts';
import type { TrainEvent } from '../pure/train-event.ts';
import { ofType } from './of-type.ts';

/** Each finished epoch as a flat row (what the CSV, tables and plots are made of). */
export const epochRows = (): OperatorFunction<TrainEvent, EpochRow> => pipe(ofType('epoch'), map(epochRowOf));
