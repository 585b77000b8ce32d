import * as tf from '@tensorflow/tfjs';
import { nonZeroValues } from '@resnet-cifar/test-support';

/**
 * A CIFAR ResNet (6n+2) in plain tf ops, enough to exercise every kernel a training step
 * needs: conv 3x3 stride 1 and 2, a fixed 1x1 stride-2 identity shortcut, batch norm from
 * moments/sub/mul/rsqrt/add, relu, add, average pool, matMul, softmax cross-entropy.
 * A stand-in for tests and benchmarks; the real network is resnet-graph's.
 */
export interface PlainResnetShape {
  readonly blocksPerStage: number;
  readonly width: number;
  readonly imageSize: number;
  readonly classes: number;
}

export type Params = Readonly<Record<string, tf.Variable>>;

/** Parameter shapes by position name, in creation order. */
export const paramShapes = (s: PlainResnetShape): ReadonlyArray<readonly [string, number[]]> => {
  const out: Array<[string, number[]]> = [['stem/conv', [3, 3, 3, s.width]], ...bnShapes('stem/bn', s.width)];
  for (let stage = 0; stage < 3; stage++) {
    const w = s.width << stage;
    for (let b = 0; b < s.blocksPerStage; b++) {
      const cin = b === 0 && stage > 0 ? w / 2 : w;
      const at = `stage${stage + 1}/block${b}`;
      out.push([`${at}/conv1`, [3, 3, cin, w]], ...bnShapes(`${at}/bn1`, w));
      out.push([`${at}/conv2`, [3, 3, w, w]], ...bnShapes(`${at}/bn2`, w));
    }
  }
  out.push(['head/affine', [4 * s.width, s.classes]], ...bnShapes('head/bn', s.classes));
  return out;
};

const bnShapes = (at: string, c: number): Array<[string, number[]]> => [[`${at}/gamma`, [c]], [`${at}/beta`, [c]]];

/** Values drawn from `next`, scaled like Kaiming init; gamma near 1 and beta near 0. */
export const initialValues = (s: PlainResnetShape, next: () => number): ReadonlyMap<string, Float32Array> =>
  new Map(
    paramShapes(s).map(([name, shape]) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const raw = nonZeroValues(next, size);
      const fanIn = shape.length === 4 ? (shape[0] ?? 1) * (shape[1] ?? 1) * (shape[2] ?? 1) : (shape[0] ?? 1);
      const scale = name.endsWith('gamma') || name.endsWith('beta') ? 0.1 : Math.sqrt(6 / fanIn);
      const values = raw.map((v) => v * scale + (name.endsWith('gamma') ? 1 : 0));
      return [name, values];
    }),
  );

/** Fresh variables (uniquely named by tfjs); the initial-value tensors are freed by the tidy. */
export const makeParams = (s: PlainResnetShape, values: ReadonlyMap<string, Float32Array>): Params =>
  tf.tidy(() =>
    Object.fromEntries(
      paramShapes(s).map(([name, shape]) => [name, tf.variable(tf.tensor(values.get(name) as Float32Array, shape))]),
    ),
  );

const p = (params: Params, name: string): tf.Variable => {
  const v = params[name];
  if (v === undefined) throw new Error(`no parameter ${name}`);
  return v;
};

const batchNorm = (x: tf.Tensor, params: Params, at: string): tf.Tensor => {
  const axes = x.rank === 4 ? [0, 1, 2] : [0];
  const { mean, variance } = tf.moments(x, axes);
  const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-3)));
  return tf.add(tf.mul(normalized, p(params, `${at}/gamma`)), p(params, `${at}/beta`));
};

const conv = (x: tf.Tensor4D, params: Params, name: string, stride: number): tf.Tensor4D =>
  tf.conv2d(x, p(params, name) as tf.Tensor4D, stride, 'same');

/** Channel c to channel c, the extra channels zero: the fixed, untrained downsampling shortcut. */
const identityShortcut = (x: tf.Tensor4D, cout: number): tf.Tensor4D => {
  const cin = x.shape[3];
  const eye = tf.concat([tf.eye(cin), tf.zeros([cin, cout - cin])], 1).reshape([1, 1, cin, cout]) as tf.Tensor4D;
  return tf.conv2d(x, eye, 2, 'same');
};

export const logits = (s: PlainResnetShape, params: Params, images: tf.Tensor4D): tf.Tensor2D => {
  let h = tf.relu(batchNorm(conv(images, params, 'stem/conv', 1), params, 'stem/bn')) as tf.Tensor4D;
  for (let stage = 0; stage < 3; stage++) {
    for (let b = 0; b < s.blocksPerStage; b++) {
      const at = `stage${stage + 1}/block${b}`;
      const stride = b === 0 && stage > 0 ? 2 : 1;
      const a = tf.relu(batchNorm(conv(h, params, `${at}/conv1`, stride), params, `${at}/bn1`)) as tf.Tensor4D;
      const r = batchNorm(conv(a, params, `${at}/conv2`, 1), params, `${at}/bn2`);
      const shortcut = stride === 2 ? identityShortcut(h, s.width << stage) : h;
      h = tf.relu(tf.add(r, shortcut)) as tf.Tensor4D;
    }
  }
  const pooled = tf.avgPool(h, h.shape[1], h.shape[1], 'valid').reshape([h.shape[0], h.shape[3]]);
  return batchNorm(tf.matMul(pooled, p(params, 'head/affine')), params, 'head/bn') as tf.Tensor2D;
};

/** Batch-mean softmax cross-entropy, the loss whose gradient the recipe descends. */
export const loss = (s: PlainResnetShape, params: Params, images: tf.Tensor4D, labels: tf.Tensor1D): tf.Scalar =>
  tf.losses.softmaxCrossEntropy(tf.oneHot(labels, s.classes), logits(s, params, images)) as tf.Scalar;

/** tf.variableGrads keys gradients by tfjs's global variable names; re-key them by position. */
export const byPosition = (params: Params, grads: tf.NamedTensorMap): ReadonlyArray<readonly [string, tf.Tensor]> =>
  Object.entries(params).map(([position, v]) => {
    const g = grads[v.name];
    if (g === undefined) throw new Error(`no gradient for ${position}`);
    return [position, g] as const;
  });
