import type * as tfjs from '@tensorflow/tfjs';
import { batchNormPasses, type BatchNormPasses } from './batch-norm-passes.ts';
import type { Moments, NodeContext } from './evaluate-node.ts';
import type { ConvNode, ResidualBlock } from './pure/index.ts';
import type { Tf } from './tf.ts';

/**
 * What a block keeps for its backward pass. `outputs`: conv1's and conv2's outputs and the block's
 * output (about 3 activations; the normalised values and ReLU masks are recomputed from them).
 * `input`: the block's input alone, the whole block recomputed in the backward pass (gradient
 * checkpointing, Chen et al. 2016: one activation per block, one more forward pass).
 */
export type BlockMemory = 'outputs' | 'input';

interface Weights {
  readonly w1: tfjs.Tensor4D;
  readonly g1: tfjs.Tensor;
  readonly b1: tfjs.Tensor;
  readonly w2: tfjs.Tensor4D;
  readonly g2: tfjs.Tensor;
  readonly b2: tfjs.Tensor;
}

/** bn1's and bn2's passes (each with its own epsilon). */
interface Norms {
  readonly bn1: BatchNormPasses;
  readonly bn2: BatchNormPasses;
}

/** The block's activations, as the forward pass computes them and the backward pass needs them. */
interface Activations {
  readonly z1: tfjs.Tensor4D;
  readonly z2: tfjs.Tensor4D;
  readonly out: tfjs.Tensor4D;
}

const conv = (tf: Tf, node: ConvNode, x: tfjs.Tensor4D, w: tfjs.Tensor4D): tfjs.Tensor4D => tf.conv2d(x, w, node.stride, node.pad);

// conv2d's two gradients, as tfjs' own Conv2D gradient calls them.
const convGrads = (tf: Tf, node: ConvNode, x: tfjs.Tensor4D, w: tfjs.Tensor4D, dz: tfjs.Tensor4D) => {
  const attrs = { strides: node.stride, pad: node.pad, dataFormat: 'NHWC' };
  const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter: w }, { ...attrs, inputShape: x.shape }) as tfjs.Tensor4D;
  const dw = node.trainable ? (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: dz }, { ...attrs, filterShape: w.shape }) as tfjs.Tensor4D) : tf.zerosLike(w);
  return { dx, dw };
};

/** What each batch norm's forward pass handed on: the moments (for its gradient) and its `affine` (to apply it again). */
interface Norm extends Moments {
  readonly affine: readonly tfjs.Tensor[];
}

/** relu(bn1(conv1(x))): the input of conv2, from conv1's output. */
const firstActivation = (tf: Tf, bn: Norms, z1: tfjs.Tensor, n1: Norm): tfjs.Tensor4D => tf.tidy(() => bn.bn1.apply(z1, n1.affine, true) as tfjs.Tensor4D);

/** The block's output from conv2's output and the shortcut: relu(bn2(z2) + shortcut), one pass where the kernels are fused. */
const closing = (tf: Tf, bn: Norms, z2: tfjs.Tensor, n2: Norm, shortcut: tfjs.Tensor): tfjs.Tensor4D => tf.tidy(() => bn.bn2.apply(z2, n2.affine, true, shortcut) as tfjs.Tensor4D);

/** The activations again, with the forward pass's normalisation: the same bits. */
const recompute = (tf: Tf, block: ResidualBlock, bn: Norms, x: tfjs.Tensor4D, shortcut: tfjs.Tensor, [n1, n2]: readonly [Norm, Norm], p: Weights): Activations => {
  const z1 = conv(tf, block.conv1, x, p.w1);
  const a1 = firstActivation(tf, bn, z1, n1);
  const z2 = conv(tf, block.conv2, a1, p.w2);
  a1.dispose();
  return { z1, z2, out: closing(tf, bn, z2, n2, shortcut) };
};

// ReLU's gradient in one pass, which @resnet-cifar/backend registers for wasm (its reluGradKernel).
const reluGradKernel = 'ResnetReluGrad';

/** dy where the ReLU that produced `relued` passed its input on, else 0: dy * step(relued), as tfjs's ReLU gradient. */
const throughRelu = (tf: Tf, dy: tfjs.Tensor, relued: tfjs.Tensor): tfjs.Tensor =>
  tf.getKernel(reluGradKernel, tf.getBackend()) !== undefined && dy.dtype === 'float32'
    ? (tf.engine().runKernel(reluGradKernel, { dy, y: relued }) as tfjs.Tensor)
    : tf.tidy(() => tf.mul(dy, tf.step(relued)));

/**
 * Gradients of the block from dOut: [dx, dshortcut, dw1, dgamma1, dbeta1, dw2, dgamma2, dbeta2].
 * Frees each activation-sized tensor once its last reader is done, so that a block's backward
 * pass holds about four of them at a time.
 */
const backward = (tf: Tf, block: ResidualBlock, bn: Norms, dOut: tfjs.Tensor, x: tfjs.Tensor4D, a: Activations, [n1, n2]: readonly [Norm, Norm], p: Weights): tfjs.Tensor[] => {
  const dSum = throughRelu(tf, dOut, a.out);
  const [dz2, dg2, db2] = bn.bn2.grad(dSum, a.z2, n2, p.g2);
  const a1 = firstActivation(tf, bn, a.z1, n1);
  const second = convGrads(tf, block.conv2, a1, p.w2, dz2 as tfjs.Tensor4D);
  dz2.dispose();
  const dy1 = throughRelu(tf, second.dx, a1);
  tf.dispose([a1, second.dx]);
  const [dz1, dg1, db1] = bn.bn1.grad(dy1, a.z1, n1, p.g1);
  dy1.dispose();
  const first = convGrads(tf, block.conv1, x, p.w1, dz1 as tfjs.Tensor4D);
  dz1.dispose();
  return [first.dx, dSum, first.dw, dg1, db1, second.dw, dg2, db2];
};

type BlockFn = (...inputs: tfjs.Tensor[]) => tfjs.Tensor4D;

// The saved list: x, shortcut, the six weights, each batch norm's moments and affine, then (in
// `outputs` memory) z1, z2 and the output.
const packNorm = (n: Norm): tfjs.Tensor[] => [n.mean, n.variance, ...n.affine];
const unpackNorm = (saved: tfjs.Tensor[], at: number, count: number): Norm => ({
  mean: saved[at] as tfjs.Tensor,
  variance: saved[at + 1] as tfjs.Tensor,
  affine: saved.slice(at + 2, at + 2 + count),
});

/**
 * The block as one differentiable operation on (x, shortcut, w1, gamma1, beta1, w2, gamma2, beta2).
 * tfjs' tape would keep every op's inputs, and every gradient, until the whole backward pass ends
 * (about 14 activation-sized buffers per block, measured); this keeps what `memory` says and frees
 * it, with dOut, as soon as the block's own backward pass is done.
 */
export const residualBlockOp = (ctx: NodeContext, block: ResidualBlock, memory: BlockMemory): ((x: tfjs.Tensor4D, shortcut: tfjs.Tensor) => tfjs.Tensor4D) => {
  const { tf } = ctx;
  const param = (node: { readonly name: string }, suffix: string) => ctx.parameter(`${node.name}/${suffix}`);
  const weights = [param(block.conv1, 'weights'), param(block.bn1, 'gamma'), param(block.bn1, 'beta'), param(block.conv2, 'weights'), param(block.bn2, 'gamma'), param(block.bn2, 'beta')];
  const asWeights = ([w1, g1, b1, w2, g2, b2]: tfjs.Tensor[]): Weights => ({ w1: w1 as tfjs.Tensor4D, g1: g1 as tfjs.Tensor, b1: b1 as tfjs.Tensor, w2: w2 as tfjs.Tensor4D, g2: g2 as tfjs.Tensor, b2: b2 as tfjs.Tensor });
  const op = tf.customGrad((...args: Array<tfjs.Tensor | tfjs.GradSaveFunc>) => {
    const save = args.pop() as tfjs.GradSaveFunc;
    const [x, shortcut, ...rest] = args as [tfjs.Tensor4D, tfjs.Tensor, ...tfjs.Tensor[]];
    const p = asWeights(rest);
    const bn = { bn1: batchNormPasses(tf, x, block.bn1.epsilon), bn2: batchNormPasses(tf, x, block.bn2.epsilon) };
    const z1 = conv(tf, block.conv1, x, p.w1);
    const first = bn.bn1.train(z1, p.g1, p.b1, true);
    const z2 = conv(tf, block.conv2, first.y as tfjs.Tensor4D, p.w2);
    const second = bn.bn2.train(z2, p.g2, p.b2, true, shortcut);
    const out = second.y as tfjs.Tensor4D;
    const affineCount = first.affine.length;
    save([x, shortcut, ...rest, ...packNorm(first), ...packNorm(second), ...(memory === 'outputs' ? [z1, z2, out] : [])]);
    ctx.onMoments(block.bn1.name, { mean: tf.keep(first.mean), variance: tf.keep(first.variance) });
    ctx.onMoments(block.bn2.name, { mean: tf.keep(second.mean), variance: tf.keep(second.variance) });
    return {
      value: out,
      gradFunc: (dOut: tfjs.Tensor, saved: tfjs.Tensor[]) => {
        const [sx, sShortcut] = saved as [tfjs.Tensor4D, tfjs.Tensor];
        const sp = asWeights(saved.slice(2, 8));
        const norms = [unpackNorm(saved, 8, affineCount), unpackNorm(saved, 10 + affineCount, affineCount)] as const;
        const [sz1, sz2, sOut] = saved.slice(12 + 2 * affineCount) as tfjs.Tensor4D[];
        const grads = tf.tidy(() => {
          const activations = sz1 !== undefined && sz2 !== undefined && sOut !== undefined ? { z1: sz1, z2: sz2, out: sOut } : recompute(tf, block, bn, sx, sShortcut, norms, sp);
          return backward(tf, block, bn, dOut, sx, activations, norms, sp);
        });
        // Nothing later reads them: free them now rather than when the whole backward pass ends.
        tf.dispose([dOut, ...saved]);
        return grads;
      },
    };
  }) as BlockFn;
  return (x, shortcut) => op(x, shortcut, ...weights);
};
