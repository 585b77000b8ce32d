// What logging costs the training loop: events/s through the JSONL + CSV + progress sinks,
// and the time to redraw neon's plots (SVG + PNG). Run: npx tsx packages/metrics/bench/sink-overhead.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { from, lastValueFrom } from 'rxjs';
import { epochRowOf } from '../src/pure/epoch-row.ts';
import type { TrainEvent } from '../src/pure/train-event.ts';
import { epochDone, step } from '../src/pure-tests/sample-events.ts';
import { consoleProgress } from '../src/sinks/console-progress.ts';
import { writeEpochCsv } from '../src/sinks/epoch-csv-file.ts';
import { writeJsonl } from '../src/sinks/event-log.ts';
import { writeCharts } from '../src/sinks/write-charts.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const measure = async (label: string, runs: number, once: () => Promise<unknown> | unknown): Promise<number> => {
  await once(); // warm-up: module loading, JIT, font loading for resvg
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  const m = median(times);
  console.log(`${label}: median ${m.toFixed(1)} ms over ${runs} runs (${times.map((t) => t.toFixed(0)).join(', ')})`);
  return m;
};

// neon's epoch: 391 steps of 128 images; ten epochs per measured run
const events: TrainEvent[] = Array.from({ length: 10 }, (_, e) => [
  ...Array.from({ length: 391 }, (_, s) => ({ ...step(e, s, { time: (e * 391 + s) * 30 }), stepsPerEpoch: 391 })),
  epochDone(e),
]).flat();

const dir = mkdtempSync(join(tmpdir(), 'metrics-bench-'));
console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} x ${cpus().length}, node ${process.version}`);
let run = 0;
const sinks = await measure(`JSONL + CSV + plain progress, ${events.length} events`, 5, () => {
  run += 1;
  const quiet = { write: () => true };
  return lastValueFrom(
    from(events).pipe(
      writeJsonl(join(dir, `events-${run}.jsonl`)),
      writeEpochCsv(join(dir, `epochs-${run}.csv`)),
      consoleProgress({ output: quiet, isTTY: false, periodMs: 10_000 }),
    ),
  );
});
console.log(`  = ${((sinks * 1000) / events.length).toFixed(1)} µs per event`);

const rows = Array.from({ length: 180 }, (_, e) => epochRowOf(epochDone(e, { valError: 0.1 + 0.4 * Math.exp(-e / 15) })));
const runs = [3, 5, 9, 18].map((n) => ({ name: `n=${n}`, rows }));
await measure('writeCharts, 4 runs x 180 epochs, SVG + PNG', 5, () => writeCharts(join(dir, 'plots'), runs));
await measure('writeCharts, 4 runs x 180 epochs, SVG only', 5, () => writeCharts(join(dir, 'plots'), runs, { png: false }));
rmSync(dir, { recursive: true, force: true });
