import type { Evaluation } from '@resnet-cifar/trainer';

/** neon's `Error = 6.3%` line first, then the loss and the error of every class. */
export const formatEvaluation = (evaluation: Evaluation, classNames: readonly string[], what: string): string => {
  const width = Math.max(...classNames.map((name) => name.length));
  const perClass = evaluation.perClassError.map(
    (error, c) => `  ${(classNames[c] ?? `class ${c}`).padEnd(width)}  ${(error * 100).toFixed(2)}%`,
  );
  return [
    `Error = ${(evaluation.error * 100).toFixed(2)}%`,
    `Loss = ${evaluation.loss.toFixed(4)} (mean cross-entropy over ${evaluation.count} images of ${what})`,
    'per-class error:',
    ...perClass,
  ].join('\n');
};
