import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSgd } from './create-sgd.ts';
import { convLikeShapes, convLikeVariables, randomGrads } from './test-support/conv-like-variables.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
// A failed test must not leave its named variables registered and fail the next one too.
afterEach(() => tf.disposeVariables());

const next = seededRandom(testSeed('sgd state'));
const snapshot = (variables: Map<string, tf.Variable>): Map<string, Float32Array> =>
  new Map([...variables].map(([name, v]) => [name, Float32Array.from(v.dataSync())]));
const restore = (variables: Map<string, tf.Variable>, saved: Map<string, Float32Array>): void =>
  variables.forEach((v, name) => tf.tidy(() => v.assign(tf.tensor(saved.get(name) ?? new Float32Array(), v.shape))));

describe('optimizer state for checkpoints', () => {
  it('round-trips through getState and setState so that the next update is identical', async () => {
    const variables = convLikeVariables(tf, next);
    const grads = [0, 1, 2, 3].map(() => randomGrads(tf, next));
    const sgd = createSgd(tf, variables);
    grads.slice(0, 3).forEach((g, i) => sgd.apply(g, [0.1, 0.1, 0.01][i] ?? 0));
    const [weights, state] = [snapshot(variables), await sgd.getState()];
    sgd.apply(grads[3] ?? new Map(), 0.01);
    const continued = snapshot(variables);
    sgd.dispose();

    restore(variables, weights);
    const resumed = createSgd(tf, variables);
    expect(resumed.setState(state)).toEqual(E.right(undefined));
    expect(resumed.step).toBe(3);
    resumed.apply(grads[3] ?? new Map(), 0.01);
    expect(snapshot(variables)).toEqual(continued);

    // Without the saved velocities the same update lands elsewhere: the test can tell.
    restore(variables, weights);
    const fresh = createSgd(tf, variables);
    fresh.apply(grads[3] ?? new Map(), 0.01);
    expect(snapshot(variables).get('stage2/block0/conv1/weights')).not.toEqual(continued.get('stage2/block0/conv1/weights'));

    [resumed, fresh].forEach((s) => s.dispose());
    tf.dispose([...variables.values(), ...grads.flatMap((g) => [...g.values()])]);
  });

  it('hands out copies: editing a saved state does not touch the optimizer', async () => {
    const variables = convLikeVariables(tf, next);
    const grads = randomGrads(tf, next);
    const sgd = createSgd(tf, variables);
    sgd.apply(grads, 0.1);
    const state = await sgd.getState();
    const name = convLikeShapes[0]?.[0] ?? '';
    const kept = Float32Array.from(state.velocities[name]?.values ?? []);
    state.velocities[name]?.values.fill(7);
    expect((await sgd.getState()).velocities[name]?.values).toEqual(kept);
    sgd.dispose();
    tf.dispose([...variables.values(), ...grads.values()]);
  });

  it('refuses a state of another model with one line, and keeps its own', async () => {
    const variables = convLikeVariables(tf, next);
    const grads = randomGrads(tf, next);
    const sgd = createSgd(tf, variables);
    sgd.apply(grads, 0.1);
    const own = await sgd.getState();
    const { ['stage2/block0/bn1/beta']: _, ...withoutBeta } = own.velocities;
    const wrongShape = { ...own.velocities, 'head/affine/weights': { shape: [10, 64], values: new Float32Array(640).fill(1) } };
    expect(sgd.setState({ step: 9, velocities: withoutBeta })).toEqual(E.left("optimizer state does not fit: no velocity for variable 'stage2/block0/bn1/beta' (checkpoint of another model?)"));
    expect(sgd.setState({ step: 9, velocities: wrongShape })).toEqual(E.left("optimizer state does not fit: velocity 'head/affine/weights' has shape [10,64], the variable [64,10]"));
    expect(await sgd.getState()).toEqual(own);
    sgd.dispose();
    tf.dispose([...variables.values(), ...grads.values()]);
  });
});
