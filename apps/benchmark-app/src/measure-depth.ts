#!/usr/bin/env -S npx tsx
/**
 * One depth of the benchmark, in a process of its own (fresh backend, honest peak memory): the
 * benchmark app starts one per depth. Logs go to stderr; stdout carries exactly one JSON line,
 * a DepthMeasured (see src/pure/depth-result.ts). Exit 0 when measured, 1 when not, 2 on bad options.
 */
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { formatBackendReport, initBackend, releaseBackend } from '@resnet-cifar/backend';
import { runCli, type Fail, type Options } from '@resnet-cifar/cli-options';
import { depthOptionSpec } from './depth-options.ts';
import { measureDepth } from './measure/measure-depth-run.ts';
import { DepthMeasured } from './pure/depth-result.ts';
import { explainFailure } from '@resnet-cifar/trainer/pure';
import { prepareData } from './prepare-data.ts';

const limitsOf = (o: { trainRecords?: number | undefined; valRecords?: number | undefined }) => ({
  ...(o.trainRecords === undefined ? {} : { trainRecords: o.trainRecords }),
  ...(o.valRecords === undefined ? {} : { valRecords: o.valRecords }),
});

const log = (line: string) => process.stderr.write(`${line}\n`);

const main = async (o: Options<typeof depthOptionSpec>, fail: Fail): Promise<number> => {
  const backend = await initBackend(tf, o.backend, { wasmThreads: o.wasmThreads });
  if (E.isLeft(backend)) return fail(1, `--backend: ${backend.left}`);
  log(`n=${o.depth}: ${formatBackendReport(backend.right)}`);
  const result = await pipe(
    prepareData(o.dataDir, o.source, limitsOf(o), log),
    TE.flatMap((data) => measureDepth(tf, o, backend.right, data)),
  )().finally(releaseBackend);
  if (E.isLeft(result)) return fail(1, explainFailure(result.left, backend.right.backend, o.batchSize));
  process.stdout.write(`${JSON.stringify(DepthMeasured.encode(result.right))}\n`);
  return 0;
};

runCli({
  name: 'measure-depth',
  command: 'tsx apps/benchmark-app/src/measure-depth.ts',
  summary: 'Measures one depth; prints one JSON line.',
  spec: depthOptionSpec,
  run: main,
});
