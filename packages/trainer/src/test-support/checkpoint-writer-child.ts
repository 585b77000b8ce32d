// Writes checkpoints of ~16 MB in a loop, announcing each on stdout, until it is killed.
import { writeCheckpoint } from '../checkpoint.ts';

const path = process.argv[2] ?? 'loop.ckpt';
const values = Float32Array.from({ length: 4_000_000 }, (_, i) => i % 1000);
for (let epoch = 1; ; epoch += 1) {
  values[0] = epoch;
  await writeCheckpoint(path, {
    meta: { epoch, stepInEpoch: 0, seed: 1, optimizerStep: epoch, config: {}, history: [] },
    arrays: new Map([['model/big', { shape: [values.length], values }]]),
  });
  process.stdout.write(`wrote ${epoch}\n`);
}
