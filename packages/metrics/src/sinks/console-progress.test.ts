import { Writable } from 'node:stream';
import { from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { epochDone, sampleRun, step } from '../pure-tests/sample-events.ts';
import type { TrainEvent } from '../pure/train-event.ts';
import { consoleProgress } from './console-progress.ts';

/** A marble string with each value at its absolute time in ms (run mode). */
const marbleAt = (timed: ReadonlyArray<readonly [number, string]>, end?: number): string => {
  let at = 0;
  const parts: string[] = [];
  for (const [time, key] of [...timed, ...(end === undefined ? [] : [[end, '|'] as const])]) {
    if (time > at) parts.push(`${time - at}ms`);
    parts.push(key);
    at = time + 1;
  }
  return parts.join(' ');
};

const collect = () => {
  const writes: string[] = [];
  return { writes, output: { write: (text: string) => writes.push(text) } };
};

describe('consoleProgress without a terminal', () => {
  it('prints one progress line per period that saw progress, none in quiet periods, none after an epoch ends', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const { writes, output } = collect();
    const timed: ReadonlyArray<readonly [number, string, TrainEvent]> = [
      [100, 'a', step(0, 0, { time: 100, loss: 2 })],
      [300, 'b', step(0, 1, { time: 300, loss: 1 })],
      [700, 'c', step(0, 2, { time: 700 })],
      [1200, 'd', step(0, 3, { time: 1200 })],
      [3500, 'e', epochDone(0)],
      [4200, 'f', step(1, 0, { time: 4200 })],
    ];
    const values = Object.fromEntries(timed.map(([, k, e]) => [k, e]));
    scheduler.run(({ cold, expectObservable }) => {
      const events = cold(marbleAt(timed.map(([t, k]) => [t, k]), 5500), values);
      const shown = events.pipe(consoleProgress({ output, isTTY: false, periodMs: 1000, scheduler }));
      expectObservable(shown).toBe(marbleAt(timed.map(([t, k]) => [t, k]), 5500), values);
    });
    const lines = writes.join('').split('\n').filter((l) => l !== '');
    expect(writes.every((w) => w.endsWith('\n') && w.indexOf('\n') === w.length - 1)).toBe(true);
    expect(lines.map((l) => l.split(' | ')[0])).toEqual([
      'epoch 0 step 3/4 (75 %)', // at 1 s: the latest of three steps
      'epoch 0 step 4/4 (100 %)', // at 2 s; nothing at 3 s, a quiet period
      expect.stringMatching(/^epoch 0 done in 4.00 s \(128 img\/s\)$/),
      'epoch 1 step 1/4 (25 %)', // at 5 s; the epoch's end at 3.5 s left nothing for 4 s
    ]);
    expect(lines[0]).toBe('epoch 0 step 3/4 (75 %) | 427 img/s | loss 1.5000 | error — | lr 0.1 | ETA 0s');
  });

  it('prints one line for each event that is not a step', async () => {
    const { writes, output } = collect();
    const passed = await lastValueFrom(from(sampleRun()).pipe(consoleProgress({ output, isTTY: false }), toArray()));
    expect(passed).toEqual(sampleRun());
    expect(writes.join('')).toBe(
      [
        'run run-1 started: backend wasm on cpu (2 cores), seed 42, tfjs 4.22.0, node v20',
        'epoch 0 done in 4.00 s (128 img/s) | train loss 2.2500, train error 75.00 %, val loss 2.0000, val error 50.00 %, lr 0.1 | memory: tfjs tensors 300, tfjs bytes 5.0 MiB, process RSS 1000.0 MiB',
        'epoch 1 done in 4.00 s (128 img/s) | train loss 2.0000, train error 68.75 %, val loss 1.8750, val error 46.88 %, lr 0.1 | memory: tfjs tensors 300, tfjs bytes 5.0 MiB, process RSS 1010.0 MiB, GPU (this process) 600.0 MiB',
        'checkpoint after epoch 1: /tmp/run-1/epoch-1',
        'run finished: 2 epochs in 9s, final validation error 46.88 %, model /tmp/run-1/model',
        '',
      ].join('\n'),
    );
  });
});

describe('consoleProgress on a terminal', () => {
  it('draws a cli-progress bar per epoch with steps, running loss and error, then the epoch line', async () => {
    const { writes, output } = collect();
    const events = sampleRun().slice(0, 7);
    await lastValueFrom(from(events).pipe(consoleProgress({ output: { ...output, columns: 160 }, isTTY: true }), toArray()));
    const text = writes.join('');
    expect(text).toContain('epoch 0 [');
    expect(text).toMatch(/\] 4\/4 \| 128 img\/s \| loss 2\.3125 \| error — \| ETA 0s/);
    expect(text).toMatch(/\x1b\[/); // cursor control: a bar redrawn in place, not lines
    expect(text.indexOf('epoch 0 done in')).toBeGreaterThan(text.lastIndexOf('4/4'));
  });

  it('writes to a real stream, whose write method lives on its prototype', async () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        chunks.push(chunk.toString());
        done();
      },
    });
    await lastValueFrom(from(sampleRun()).pipe(consoleProgress({ output: stream, isTTY: true }), toArray()));
    expect(chunks.join('')).toContain('run finished: 2 epochs');
    expect(chunks.join('')).toMatch(/epoch 1 \[.*\] 4\/4/);
  });
});
