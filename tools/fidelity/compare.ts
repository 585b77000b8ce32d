#!/usr/bin/env -S npx tsx
/**
 * Prints, step by step, this project's recorded trajectory against the peer's replay of it:
 *   npx tsx tools/fidelity/compare.ts tmp/fidelity/r20 [--tolerance 1e-3] [--peer peer]
 * and the weights after the steps, tensor by tensor. Exit 1 when a step's loss or gradient norm
 * differs by more than --tolerance (relative), with the first such quantity named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compareSteps, firstDisagreement, renderComparison } from './compare-trajectories.ts';
import type { Trajectory } from './record-steps.ts';

interface IndexEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
}

const floats = (path: string): Float32Array => {
  const bytes = readFileSync(path);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

/** ||ours - peer|| / ||peer|| per tensor of the weights after the steps. */
const weightDifferences = (folder: string, stem: string): Array<[string, number]> => {
  const index = JSON.parse(readFileSync(join(folder, 'final.json'), 'utf8')) as IndexEntry[];
  const ours = floats(join(folder, 'final.bin'));
  const peer = floats(join(folder, `${stem}-final.bin`));
  return index.map(({ name, shape, offset }) => {
    let diff = 0;
    let norm = 0;
    for (let i = offset; i < offset + shape.reduce((a, b) => a * b, 1); i++) {
      diff += ((ours[i] as number) - (peer[i] as number)) ** 2;
      norm += (peer[i] as number) ** 2;
    }
    return [name, norm === 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm)];
  });
};

const main = (): number => {
  const { values: o, positionals } = parseArgs({
    allowPositionals: true,
    options: { tolerance: { type: 'string', default: '1e-3' }, peer: { type: 'string', default: 'peer' } },
  });
  const folder = positionals[0];
  if (folder === undefined) return (console.error('usage: compare.ts FOLDER [--tolerance 1e-3] [--peer peer]'), 2);
  const ours = JSON.parse(readFileSync(join(folder, 'ours.json'), 'utf8')) as Trajectory & { backend: string };
  const peer = JSON.parse(readFileSync(join(folder, `${o.peer}.json`), 'utf8')) as Pick<Trajectory, 'steps'> & { worstPixelDifference: number | null };
  const tolerance = Number(o.tolerance);
  console.log(`ResNet-${6 * ours.settings.depth + 2}, batch ${ours.settings.batchSize}, seed ${ours.settings.seed}, this project on ${ours.backend}; largest pixel difference between the two sides' batches: ${peer.worstPixelDifference ?? 'not compared'}\n`);
  console.log(renderComparison(compareSteps(ours.steps, peer.steps)));
  if (ours.steps.length === peer.steps.length) {
    const worst = weightDifferences(folder, o.peer).sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`\nweights after ${ours.steps.length} steps, ||ours - peer|| / ||peer||, largest: ${worst.map(([n, r]) => `${n} ${r.toExponential(2)}`).join(', ')}`);
  }
  const first = firstDisagreement(ours.steps, peer.steps, tolerance);
  if (first === undefined) {
    console.log(`\nevery loss and gradient norm of the ${peer.steps.length} steps agrees within ${tolerance} (relative)`);
    return 0;
  }
  console.log(`\nfirst disagreement beyond ${tolerance}: step ${first.step}, ${first.quantity}: ${first.ours} here, ${first.peer} in the peer (${first.relative.toExponential(2)})`);
  return 1;
};

process.exitCode = main();
