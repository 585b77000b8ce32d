import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { tinyGraph, useWasm } from './test-support.ts';
import { getWeights, setWeights } from './weights.ts';

const tf = await useWasm();

describe('getWeights / setWeights', () => {
  it('copies every parameter from one model into another, leaking nothing', async () => {
    const [source, target] = [compile(tinyGraph(), tf, { seed: 31 }), compile(tinyGraph(), tf, { seed: 32 })];
    const weights = await getWeights(source);
    expect([...weights.keys()]).toEqual(source.parameters.map((p) => p.name));
    expect(await getWeights(target)).not.toEqual(weights);
    const before = tf.memory().numTensors;
    expect(setWeights(target, weights, tf)).toEqual(E.right(undefined));
    expect(tf.memory().numTensors).toBe(before);
    expect(await getWeights(target)).toEqual(weights);
    source.dispose();
    target.dispose();
  });

  it('refuses a map with a missing, unknown or mis-sized entry, and then writes nothing', async () => {
    const model = compile(tinyGraph(), tf, { seed: 33 });
    const original = await getWeights(model);
    const edited = new Map([...original].map(([name, values]) => [name, values.map((v) => v + 1)]));
    edited.delete('stem/bn/gamma');
    edited.set('stem/bn/gama', new Float32Array(4));
    edited.set('head/dense/weights', new Float32Array(3));
    expect(setWeights(model, edited, tf)).toEqual(
      E.left('weights do not fit resnet8: missing stem/bn/gamma; unknown stem/bn/gama; head/dense/weights has 3 values, its shape [16, 10] needs 160'),
    );
    expect(await getWeights(model)).toEqual(original);
    model.dispose();
  });
});
