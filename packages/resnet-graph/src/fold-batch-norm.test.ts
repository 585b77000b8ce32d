import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { evaluateNode, type NodeContext } from './evaluate-node.ts';
import { convBnFolds } from './fold-batch-norm.ts';
import { nodeInputs, type Graph } from './pure/index.ts';
import { graphOf } from './pure-tests/test-graphs.ts';
import { randomBatch, tinyOptions, useWasm } from './test-support.ts';
import { testSeed } from '@resnet-cifar/test-support';

const tf = await useWasm();

// Node by node with no folding: the computation predict ran before convolutions absorbed batch norms.
const unfoldedLogits = (graph: Graph, ctx: NodeContext, images: import('@tensorflow/tfjs').Tensor4D) =>
  tf.tidy(() => {
    const values = new Map([[graph.nodes[0]?.name ?? '', images as import('@tensorflow/tfjs').Tensor]]);
    for (const node of graph.nodes.slice(1, -1)) values.set(node.name, evaluateNode(ctx, node, nodeInputs(node).map((n) => values.get(n)!)));
    const softmax = graph.nodes[graph.nodes.length - 1]!;
    return values.get(nodeInputs(softmax)[0]!)!;
  });

describe('conv + batch norm folding in inference', () => {
  it('folds every conv of ResNet-20 into its batch norm, and the ReLU where one follows alone', () => {
    const folds = [...convBnFolds(graphOf({ n: 3 })).values()];
    expect(folds).toHaveLength(19);
    // The stem and each block's first conv feed a ReLU; each block's second norm feeds the add.
    expect(folds.filter((f) => f.relu)).toHaveLength(10);
  });

  it('predicts the logits of the unfolded network (random running statistics, gamma, beta), leaking no tensor', () => {
    const seed = testSeed('fold');
    const graph = graphOf(tinyOptions());
    const model = compile(graph, tf, { seed });
    const vars = new Map([...model.trainable, ...model.nonTrainable]);
    vars.forEach((v, name) => {
      if (/running(Mean|Variance)|gamma|beta/.test(name)) v.assign(tf.randomUniform(v.shape, name.includes('Variance') ? 0.2 : -1, 2, 'float32', seed));
    });
    const { images, labels } = randomBatch(5, [8, 8, 3], 10, seed);
    const before = tf.memory().numTensors;
    const folded = model.predict(images);
    const ctx: NodeContext = { tf, mode: 'inference', parameter: (n) => vars.get(n)!, onMoments: () => undefined };
    const reference = unfoldedLogits(graph, ctx, images);
    const [a, b] = [folded.dataSync(), reference.dataSync()];
    const scale = Math.max(...Array.from(b, Math.abs));
    const worst = Math.max(...Array.from(a, (v, i) => Math.abs(v - (b[i] as number))));
    expect(worst / scale).toBeLessThan(1e-5);
    tf.dispose([folded, reference]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([images, labels]);
    model.dispose();
  });
});
