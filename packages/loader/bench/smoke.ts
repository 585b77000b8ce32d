import { epochBatchIterator } from '../src/index.ts';
import { readCifarBins, TRAIN_FILES } from '../src/test-support/cifar-bin.ts';
const split = await readCifarBins(TRAIN_FILES);
console.log(split.count, split.mean);
for (const workers of [0, 1, 2, 0, 1]) {
  const t0 = performance.now();
  let n = 0;
  for await (const b of epochBatchIterator(split, { seed: 1, epoch: 0, mode: 'train', workers })) n += b.size;
  const s = (performance.now() - t0) / 1000;
  console.log(workers, n, s.toFixed(3), Math.round(n / s));
}
