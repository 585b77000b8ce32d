#!/usr/bin/env -S npx tsx
/**
 * Records K training steps of this project for the step-for-step comparison with the peer:
 *   npx tsx tools/fidelity/record-ours.ts --out tmp/fidelity/r20 [--depth 3 --seed 0 --steps 20
 *     --batch-size 128 --lr 0.1 --backend cpu --train-records 48000 --data-dir data/cifar10-records]
 * Writes into --out: ours.json (settings, the K batches' random choices, per-step loss and
 * gradient norms), initial.bin/final.bin (+ .json index: every parameter, float32, our layouts)
 * and batches.bin (the K batches as the step received them), for `peer_replay.py` and `compare.ts`.
 * --plan-batches P exports the random choices of P batches (say 375, a whole epoch) so that the
 * peer can train longer on this project's data order; --steps 0 then skips our training.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { initBackend } from '@resnet-cifar/backend';
import { loadRunData } from '@resnet-cifar/trainer';
import { recordSteps, type Weights } from './record-steps.ts';

const usage = 'usage: record-ours.ts --out DIR [--depth N] [--seed S] [--steps K] [--batch-size B] [--lr LR] [--backend cpu|wasm|webgpu] [--train-records N] [--data-dir DIR] [--plan-batches P]';

/** Parameters back to back (float32) and an index of name, shape and offset (in values). */
const writeWeights = (dir: string, name: string, weights: Weights): void => {
  let offset = 0;
  const index = [...weights].map(([param, { shape, values }]) => {
    const entry = { name: param, shape, offset };
    offset += values.length;
    return entry;
  });
  const all = new Float32Array(offset);
  [...weights.values()].forEach(({ values }, i) => all.set(values, index[i]?.offset ?? 0));
  writeFileSync(join(dir, `${name}.bin`), all);
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(index)}\n`);
};

const main = async (): Promise<number> => {
  const { values: o } = parseArgs({
    options: {
      out: { type: 'string' }, depth: { type: 'string', default: '3' }, seed: { type: 'string', default: '0' },
      steps: { type: 'string', default: '20' }, 'batch-size': { type: 'string', default: '128' }, lr: { type: 'string', default: '0.1' },
      backend: { type: 'string', default: 'cpu' }, 'train-records': { type: 'string' }, 'data-dir': { type: 'string', default: 'data/cifar10-records' },
      'plan-batches': { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (o.help) return (console.log(usage), 0);
  if (o.out === undefined) return (console.error(`record-ours: --out is required\n${usage}`), 2);
  const backend = await initBackend(tf, o.backend as never);
  if (E.isLeft(backend)) return (console.error(`record-ours: --backend: ${backend.left}`), 2);
  const records = o['train-records'] === undefined ? undefined : Number(o['train-records']);
  const data = await loadRunData(o['data-dir'] as string, { trainRecords: records })();
  if (E.isLeft(data)) return (console.error(`record-ours: ${data.left}`), 1);
  const settings = { depth: Number(o.depth), seed: Number(o.seed), steps: Number(o.steps), batchSize: Number(o['batch-size']), lr: Number(o.lr),
    ...(o['plan-batches'] === undefined ? {} : { planBatches: Number(o['plan-batches']) }) };
  const bad = Object.entries(settings).find(([, v]) => !Number.isFinite(v) || v < 0);
  if (bad !== undefined) return (console.error(`record-ours: ${bad[0]} must be a number of 0 or more\n${usage}`), 2);
  const run = await recordSteps(tf, data.right.train, settings).catch((error: unknown) => error as Error);
  if (run instanceof Error) return (console.error(`record-ours: ${run.message}`), 2);
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, 'ours.json'), `${JSON.stringify({ backend: backend.right.backend, ...run.trajectory })}\n`);
  writeWeights(o.out, 'initial', run.initial);
  writeWeights(o.out, 'final', run.final);
  const batches = new Float32Array(run.batches.reduce((n, b) => n + b.images.length, 0));
  run.batches.reduce((at, b) => (batches.set(b.images, at), at + b.images.length), 0);
  writeFileSync(join(o.out, 'batches.bin'), batches);
  console.log(`record-ours: ${settings.steps} steps of ResNet-${6 * settings.depth + 2} on ${backend.right.backend}, losses ${run.trajectory.steps.map((s) => s.loss.toFixed(4)).join(' ')}; wrote ${o.out}`);
  return 0;
};

process.exitCode = await main();
