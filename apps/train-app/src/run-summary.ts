import type { TrainEvent } from '@resnet-cifar/metrics';
import type { RunConfig } from '@resnet-cifar/trainer';

export interface SummaryOf {
  /** Where the model went, when the run finished. */
  readonly model?: string | undefined;
  /** What stopped it early (SIGINT, ...), if something did. */
  readonly stopReason?: string | undefined;
}

/** Where a run that did not finish stands: its last checkpoint, and how to continue from it. */
const stoppedAt = (events: readonly TrainEvent[], stepsPerEpoch: number, reason: string): string => {
  const last = events.filter((e) => e.type === 'checkpoint').at(-1);
  if (last === undefined) return `stopped (${reason}) before its first step: nothing new to save`;
  const where = last.stepInEpoch === undefined ? `after epoch ${last.epoch}` : `at epoch ${last.epoch}, step ${last.stepInEpoch} of ${stepsPerEpoch}`;
  return `stopped (${reason}) ${where}: checkpoint ${last.path}; continue with --resume`;
};

/** The run's last line: the network, its epochs, the final error, time per epoch, and where the result is. */
export const runSummary = (config: RunConfig, events: readonly TrainEvent[], stepsPerEpoch: number, of: SummaryOf): string => {
  const epochs = events.filter((e) => e.type === 'epoch');
  const last = epochs.at(-1);
  const seconds = epochs.reduce((sum, e) => sum + e.seconds, 0) / Math.max(1, epochs.length);
  const error = last?.valError === undefined ? 'not validated' : `validation error ${(last.valError * 100).toFixed(2)}%`;
  const result = of.model ? `model saved to ${of.model}` : stoppedAt(events, stepsPerEpoch, of.stopReason ?? 'stop request');
  const figures = epochs.length === 0 ? '' : `${epochs.length} epochs, ${error}, ${seconds.toFixed(1)} s/epoch; `;
  return `ResNet-${6 * config.depth + 2} (n=${config.depth}): ${figures}${result}`;
};
