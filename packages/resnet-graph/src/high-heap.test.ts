import * as E from 'fp-ts/lib/Either.js';
import { expect, it } from 'vitest';
import { compile } from './compile.ts';
import { resnet } from './pure/index.ts';
import { randomBatch, useWasm } from './test-support.ts';
import { testSeed } from '@resnet-cifar/test-support';

const tf = await useWasm();

// A ResNet-110 step at batch 128 needs over 2 GiB of wasm heap. Kernels that read the heap from
// JS must treat addresses past 2 GiB as unsigned (_malloc returns a signed i32); this puts a whole
// training step there and checks it gives the same gradients as one at low addresses.
it('a training step whose tensors live past 2 GiB of wasm heap gives the same gradients as below it', () => {
  const graph = E.getOrElseW((m: string) => { throw new Error(m); })(resnet({ n: 1 }));
  const model = compile(graph, tf, { seed: 9 });
  const { images, labels } = randomBatch(4, [32, 32, 3], 10, testSeed('high-heap'));
  const gradients = () => {
    const { loss, logits, grads } = model.lossAndGradients(images, labels);
    const values = new Map([...grads].map(([name, g]) => [name, g.dataSync().slice()]));
    tf.dispose([loss, logits, ...grads.values()]);
    return values;
  };
  // 2.4 GB taken first, so the step's tensors land above 2 GiB; once it is freed they land below.
  const ballast = tf.zeros([600_000_000]);
  const high = gradients();
  ballast.dispose();
  const low = gradients();
  for (const [name, values] of low) expect(Array.from(high.get(name) ?? []), name).toEqual(Array.from(values));
  tf.dispose([images, labels]);
  model.dispose();
}, 120_000);
