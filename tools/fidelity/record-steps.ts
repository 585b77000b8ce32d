/**
 * Our side of the step-for-step comparison with the PyTorch peer: K real training steps (the
 * trainer's own model, optimizer and loader), recorded so that the peer can replay them from the
 * same start on the same data, and the two trajectories compared quantity by quantity.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { epochBatchIterator, prepareEpoch, toTensors, type LoaderOptions, type Split } from '@resnet-cifar/loader';
import { compile, getWeights, resnet } from '@resnet-cifar/resnet-graph';
import { createSgd } from '@resnet-cifar/optim';

export interface StepsToRecord {
  readonly depth: number;
  readonly seed: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly lr: number;
  /** How many batches' random choices to export (the peer can replay more than K steps); default K. */
  readonly planBatches?: number;
}

/** One step as both sides record it: the loss before the update and each gradient's L2 norm. */
export interface StepRecord {
  readonly loss: number;
  readonly gradNorms: Readonly<Record<string, number>>;
}

/** What a replay needs (the random choices of epoch 0 for the slots used) and what it is compared with. */
export interface Trajectory {
  readonly settings: StepsToRecord & { readonly trainRecords: number; readonly mean: readonly number[] };
  /** Record index, crop x, crop y and flip (0/1) of each image of the K batches, in batch order. */
  readonly plan: { readonly order: number[]; readonly cropX: number[]; readonly cropY: number[]; readonly flip: number[] };
  readonly steps: readonly StepRecord[];
}

/** Every parameter by name, float32, in this project's layouts (conv [kh, kw, cin, cout], dense [in, out]). */
export type Weights = ReadonlyMap<string, { readonly shape: readonly number[]; readonly values: Float32Array }>;

export interface Recorded {
  readonly trajectory: Trajectory;
  readonly initial: Weights;
  readonly final: Weights;
  /** The K batches exactly as the training step received them (NHWC float32, mean subtracted). */
  readonly batches: ReadonlyArray<{ readonly images: Float32Array; readonly labels: Int32Array }>;
}

/** The L2 norm, summed in float64. */
export const l2 = (values: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] as number) ** 2;
  return Math.sqrt(sum);
};

const withShapes = (weights: ReadonlyMap<string, Float32Array>, shapes: ReadonlyMap<string, readonly number[]>): Weights =>
  new Map([...weights].map(([name, values]) => [name, { shape: shapes.get(name) ?? [values.length], values }]));

/** The loader options the trainer uses for epoch 0 of a run with this seed and batch size. */
const epochZero = (settings: StepsToRecord): LoaderOptions => ({
  seed: settings.seed, epoch: 0, batchSize: settings.batchSize, lastBatch: 'wrap',
  mode: 'train', padding: 'mean', shuffle: true, prefetch: 1, workers: 0,
});

/**
 * Runs `steps` training steps of epoch 0 on `tf`'s current backend, as train-app would with this
 * seed (same initial weights, same batches, neon's momentum rule), at a constant learning rate.
 */
export const recordSteps = async (tf: typeof tfjs, split: Split, settings: StepsToRecord): Promise<Recorded> => {
  const graph = resnet({ n: settings.depth });
  if (graph._tag === 'Left') throw new RangeError(`--depth ${settings.depth}: ${graph.left}`);
  const prepared = prepareEpoch(split, epochZero(settings));
  if (prepared._tag === 'Left') throw new RangeError(prepared.left);
  const { plan } = prepared.right;
  const planBatches = settings.planBatches ?? settings.steps;
  if (Math.max(settings.steps, planBatches) > plan.batches) {
    throw new RangeError(`--steps/--plan-batches ${Math.max(settings.steps, planBatches)}: epoch 0 of ${split.count} records at batch ${settings.batchSize} has ${plan.batches} batches; ask for at most ${plan.batches}, or give more --train-records`);
  }
  const model = compile(graph.right, tf, { seed: settings.seed });
  const sgd = createSgd(tf, model.trainable, { momentum: 0.9, weightDecay: 1e-4 });
  const shapes = new Map(model.parameters.map((p) => [p.name, p.shape]));
  try {
    const initial = withShapes(await getWeights(model), shapes);
    const steps: StepRecord[] = [];
    const batches: Array<{ images: Float32Array; labels: Int32Array }> = [];
    for await (const batch of settings.steps === 0 ? [] : epochBatchIterator(split, epochZero(settings))) {
      batches.push({ images: batch.images.slice(), labels: batch.labels.slice() });
      const { images, labels } = toTensors(tf, batch);
      const { loss, logits, grads } = model.lossAndGradients(images, labels);
      const gradNorms = Object.fromEntries([...grads].map(([name, g]) => [name, l2(g.dataSync())]));
      steps.push({ loss: loss.dataSync()[0] as number, gradNorms });
      sgd.apply(grads, settings.lr);
      tf.dispose([images, labels, loss, logits, ...grads.values()]);
      if (steps.length >= settings.steps) break;
    }
    const slots = planBatches * settings.batchSize;
    const slice = (a: ArrayLike<number>) => Array.from(a).slice(0, slots);
    return {
      trajectory: {
        settings: { ...settings, trainRecords: split.count, mean: [...split.mean] },
        plan: { order: slice(plan.order), cropX: slice(plan.cropX), cropY: slice(plan.cropY), flip: slice(plan.flip) },
        steps,
      },
      initial,
      final: withShapes(await getWeights(model), shapes),
      batches,
    };
  } finally {
    sgd.dispose();
    model.dispose();
  }
};
