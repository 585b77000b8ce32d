import { map, type OperatorFunction, pipe, scan } from 'rxjs';
import { advanceProgress, type EpochProgress, type ProgressState } from '../pure/epoch-progress.ts';
import type { TrainEvent } from '../pure/train-event.ts';
import { ofType } from './of-type.ts';

/**
 * Per-step progress of the current epoch: steps, images, running mean loss and error over
 * the steps read back so far (reset every epoch), and images per second.
 */
export const epochProgress = (): OperatorFunction<TrainEvent, EpochProgress> =>
  pipe(
    ofType('step'),
    scan((state: ProgressState | undefined, step) => advanceProgress(state, step), undefined),
    map((state) => (state as ProgressState).progress),
  );
