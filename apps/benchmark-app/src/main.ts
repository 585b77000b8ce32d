#!/usr/bin/env -S npx tsx
/**
 * nx run benchmark-app : neon's cifar10_msra table (memory, seconds per epoch, validation error)
 * for n = 3, 5, 9, 18 on this machine, each depth in its own child process. The edge of the
 * program: argv, printing, files and the exit code live here only.
 */
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as RA from 'fp-ts/ReadonlyArray';
import { checkWritable, runCli, settingsLine, type Fail, type Options } from '@resnet-cifar/cli-options';
import type { BackendReport } from '@resnet-cifar/backend/pure';
import { resnet } from '@resnet-cifar/resnet-graph/pure';
import { benchmarkOptionSpec, benchmarkSettings, conflictingOptions, pytorchSettings, pytorchThreadsOf } from './options.ts';
import { ensureData } from './prepare-data.ts';
import { renderBenchmarkMarkdown } from './pure/benchmark-markdown.ts';
import type { BenchmarkReport } from './pure/depth-result.ts';
import { readReports } from './read-reports.ts';
import { runBenchmark } from './run-benchmark.ts';
import { writeReport } from './write-report.ts';

const SUMMARY = `Measures neon's cifar10_msra table for each --depths n in a child process of its own: the train
app's pipeline timed for --steps after --warmup, extrapolated to seconds per epoch (391 steps of 128),
beside neon's TITAN X figures; a bare-loop overhead row; forward images/s; optionally PyTorch.`;

const log = (line: string) => process.stderr.write(`${line}\n`);

// This process only starts children: what it reports is their backend, on the threads each starts.
const onChildThreads = (report: BackendReport, wasmThreads: readonly number[]): BackendReport =>
  report.backend === 'wasm' && wasmThreads.join() !== '1'
    ? { ...report, device: report.device.replace('1 thread', `${wasmThreads.join(', ')} threads`) }
    : report;

// The default PyTorch thread counts are ours: the first line says which those are.
const pytorchNote = (o: Options<typeof benchmarkOptionSpec>) => (o.pytorchThreads === undefined ? { pytorchThreads: pytorchThreadsOf(o).join(',') } : {});

const main = async (o: Options<typeof benchmarkOptionSpec>, fail: Fail): Promise<number> => {
  // Minutes of measuring must not end in a report that cannot be written.
  const writable = checkWritable('--out', o.out);
  if (E.isLeft(writable)) return fail(1, writable.left);
  if (o.from !== undefined) return finish(o.out, readReports(o.from.split(',')), fail);
  // Bad depths are found before any child starts or any file is written.
  const badDepth = pipe(o.depths, RA.traverse(E.Applicative)((n) => pipe(resnet({ n }), E.mapLeft((m) => `--depths ${n}: ${m}`))));
  if (E.isLeft(badDepth)) return fail(2, badDepth.left);
  if (o.pytorchOnly) {
    log(settingsLine('benchmark-app', benchmarkOptionSpec, o, pytorchSettings, pytorchNote(o)));
    return finish(o.out, E.right(await runBenchmark(o, log)), fail);
  }
  // An explicit backend that cannot load here fails once, with its reason, instead of once per depth.
  // tfjs loads only now, so a bad option answers at once.
  const { chooseBackend, formatBackendReport, releaseBackend } = await import('@resnet-cifar/backend');
  const backend = await chooseBackend(o.backend);
  releaseBackend(); // the children compute; this process only wanted the report
  if (E.isLeft(backend)) return fail(1, `--backend: ${backend.left}`);
  const conflict = conflictingOptions(o, backend.right.backend);
  if (conflict !== undefined) return fail(2, conflict);
  log(settingsLine('benchmark-app', benchmarkOptionSpec, o, benchmarkSettings, { backend: backend.right.backend, ...pytorchNote(o) }));
  log(formatBackendReport(onChildThreads(backend.right, o.wasmThreads)));
  const data = await ensureData(o.dataDir, o.source, log)();
  if (E.isLeft(data)) return fail(1, data.left);
  return finish(o.out, E.right(await runBenchmark(o, log)), fail);
};

/** Files, then the table printed last; any failed depth makes the exit code non-zero. */
const finish = (out: string, report: E.Either<string, BenchmarkReport>, fail: Fail): number => {
  if (E.isLeft(report)) return fail(1, report.left);
  const written = writeReport(out, report.right);
  if (E.isLeft(written)) return fail(1, written.left);
  log(`wrote ${written.right.join(', ')}`);
  console.log(renderBenchmarkMarkdown(report.right));
  const failed = report.right.depths.filter((d) => d.status === 'failed').map((d) => d.depth);
  if (failed.length > 0) return fail(1, `depth(s) ${failed.join(', ')} failed (see above); the others are in ${out}`);
  const noTorch = report.right.depths.length === 0 ? report.right.pytorch?.find((r) => r.status === 'unavailable') : undefined;
  return noTorch === undefined ? 0 : fail(1, `PyTorch did not run: ${noTorch.message}`);
};

runCli({ name: 'benchmark-app', command: 'npx nx run benchmark-app', summary: SUMMARY, spec: benchmarkOptionSpec, run: main });
