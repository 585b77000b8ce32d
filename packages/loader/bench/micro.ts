import { augmentInto, epochPlan, decodeLoaderOptions, augmentJob, borderTable } from '../src/index.ts';
import { epochRng } from '../src/epoch-rng.ts';
import { readCifarBins, TRAIN_FILES } from '../src/test-support/cifar-bin.ts';
const split = await readCifarBins(TRAIN_FILES);
const o = decodeLoaderOptions({ seed: 1, epoch: 0, mode: 'train' });
if (o._tag === 'Left') throw new Error(o.left);
let t0 = performance.now();
const plan = epochPlan(epochRng(1, 0), split.count, o.right);
console.log('plan ms', performance.now() - t0);
t0 = performance.now();
const table = borderTable(split);
console.log('table ms', performance.now() - t0);
const out = new Float32Array(128 * 3072);
const rate = (t: number) => Math.round(48000 / ((performance.now() - t) / 1000));
for (let rep = 0; rep < 3; rep++) {
  t0 = performance.now();
  for (let s = 0; s < plan.batches; s++) augmentInto(split.images, augmentJob(plan, s, 'mean', split.mean, table), out);
  const a = rate(t0);
  t0 = performance.now();
  for (let s = 0; s < plan.batches; s++) augmentInto(split.images, augmentJob(plan, s, 'mean', split.mean, table), new Float32Array(128 * 3072));
  const b = rate(t0);
  t0 = performance.now();
  for (let s = 0; s < plan.batches; s++) augmentInto(split.images, augmentJob(plan, s, 'mean', split.mean), out);
  console.log('table reuse', a, 'table alloc', b, 'no table', rate(t0));
}
