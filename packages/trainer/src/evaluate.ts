import type * as tfjs from '@tensorflow/tfjs';
import { epochBatchIterator, toTensors, type Batch, type Split } from '@resnet-cifar/loader';
import type { ResnetModel } from '@resnet-cifar/resnet-graph';
import { yieldToEventLoop } from './train-epoch.ts';

export interface Evaluation {
  readonly count: number;
  /** Mean cross-entropy of the (averaged) softmax. */
  readonly loss: number;
  /** Misclassification rate: argmax(output) != label, over every image evaluated. */
  readonly error: number;
  readonly perClassError: readonly number[];
  /** Images whose output is NaN or infinite: a diverged model; its error rate means nothing then. */
  readonly nonFinite: number;
}

export interface EvaluateOptions {
  readonly classes: number;
  /** Test-time augmentation: average the softmax of each image and its mirror image. */
  readonly flip: boolean;
  /** Asked after every batch; true ends the evaluation early, counting only the images seen so far. */
  readonly shouldStop?: () => boolean;
}

const logProbabilities = (tf: typeof tfjs, model: ResnetModel, images: tfjs.Tensor4D, flip: boolean): tfjs.Tensor2D =>
  tf.tidy(() => {
    const logits = model.predict(images);
    if (!flip) return tf.logSoftmax(logits);
    const mirrored = model.predict(tf.reverse(images, 2));
    return tf.log(tf.softmax(logits).add(tf.softmax(mirrored)).div(2)) as tfjs.Tensor2D;
  });

/** Per batch: [loss sum, non-finite images, then per class: images, errors], summed on the device. */
const batchTotals = (tf: typeof tfjs, logProbs: tfjs.Tensor2D, labels: tfjs.Tensor1D, classes: number): tfjs.Tensor1D =>
  tf.tidy(() => {
    const oneHot = tf.oneHot(labels.toInt(), classes).toFloat();
    const lossSum = oneHot.mul(logProbs).sum().neg().reshape([1]);
    const wrong = tf.notEqual(tf.argMax(logProbs, 1).toInt(), labels.toInt()).toFloat();
    const perClassImages = oneHot.sum(0);
    const perClassErrors = oneHot.mul(wrong.expandDims(1)).sum(0);
    const nonFinite = tf.sub(1, tf.isFinite(logProbs).toFloat().min(1)).sum().reshape([1]);
    return tf.concat([lossSum, nonFinite, perClassImages, perClassErrors]) as tfjs.Tensor1D;
  });

/**
 * Evaluates the model in inference mode over every batch given, with a single read-back at the end.
 * The batches are consumed (pulled) one at a time; their tensors are disposed here.
 */
export const evaluate = async (
  tf: typeof tfjs,
  model: ResnetModel,
  batches: AsyncIterable<Batch>,
  options: EvaluateOptions,
): Promise<Evaluation> => {
  let totals = tf.zeros([2 + 2 * options.classes]) as tfjs.Tensor1D;
  for await (const batch of batches) {
    const { images, labels } = toTensors(tf, batch);
    const next = tf.tidy(() => totals.add(batchTotals(tf, logProbabilities(tf, model, images, options.flip), labels, options.classes)));
    tf.dispose([totals, images, labels]);
    totals = next as tfjs.Tensor1D;
    await yieldToEventLoop();
    if (options.shouldStop?.()) break;
  }
  const values = Array.from(await totals.data());
  totals.dispose();
  // Counts, so integers: wasm's Sum over leading axes is an average pool times the count, which
  // gives 9.999999 for ten ones among zeros.
  const perClassImages = values.slice(2, 2 + options.classes).map(Math.round);
  const perClassErrors = values.slice(2 + options.classes).map(Math.round);
  const count = perClassImages.reduce((a, b) => a + b, 0);
  const errors = perClassErrors.reduce((a, b) => a + b, 0);
  return {
    count,
    loss: count === 0 ? NaN : (values[0] ?? NaN) / count,
    error: count === 0 ? NaN : errors / count,
    perClassError: perClassErrors.map((e, c) => (perClassImages[c] ? e / (perClassImages[c] ?? 1) : NaN)),
    nonFinite: Math.round(values[1] ?? 0),
  };
};

/**
 * A whole split in inference mode: the original images in record order, the last batch short, so
 * every image counts once (a split smaller than one batch is one batch). Training's validation,
 * eval-app and fine-tuning all judge this way.
 */
export const evaluateSplit = (
  tf: typeof tfjs,
  model: ResnetModel,
  split: Split,
  options: EvaluateOptions & { readonly batchSize: number },
): Promise<Evaluation> => {
  const batchSize = Math.max(1, Math.min(options.batchSize, split.count));
  return evaluate(tf, model, epochBatchIterator(split, { seed: 0, epoch: 0, mode: 'eval', batchSize, lastBatch: 'partial' }), options);
};
