import { tap, type MonoTypeOperatorFunction } from 'rxjs';
import type { TrainEvent } from '@resnet-cifar/metrics';

/**
 * Memory must stay flat across epochs: the tensor count after each epoch is compared with the
 * first epoch's, and any growth is reported (a leak costs a 180-epoch run its memory).
 */
export const reportTensorGrowth = (log: (line: string) => void): MonoTypeOperatorFunction<TrainEvent> => {
  let baseline: number | undefined;
  return tap((event) => {
    if (event.type !== 'epoch') return;
    baseline ??= event.memory.tfjsTensors;
    const grown = event.memory.tfjsTensors - baseline;
    if (grown > 0) log(`warning: ${grown} more tfjs tensors after epoch ${event.epoch} than after the first: a tensor leak`);
  });
};
