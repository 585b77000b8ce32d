import { describe, expect, it } from 'vitest';
import { epochRowOf } from '../pure/epoch-row.ts';
import { neonRowOfRun } from '../pure/neon-row-of-run.ts';
import { epochDone, memory } from './sample-events.ts';

describe('neonRowOfRun', () => {
  it('takes the median seconds (not swayed by a slow first epoch), peak memory and the last validation error', () => {
    const rows = [
      epochDone(0, { seconds: 90, memory: memory(900) }),
      epochDone(1, { seconds: 30, memory: memory(1200) }),
      epochDone(2, { seconds: 32, memory: memory(1100), valError: 0.25 }),
      epochDone(3, { seconds: 31, memory: memory(1000), valError: undefined }),
    ].map((e) => epochRowOf(e));
    expect(neonRowOfRun(3, rows)).toEqual({
      depth: 3,
      memory: { label: 'process RSS', mib: 1200 },
      secondsPerEpoch: 31.5,
      valError: 0.25,
    });
  });

  it('reports GPU memory when the run measured it', () => {
    const rows = [epochDone(0, { memory: memory(900, 500) }), epochDone(1, { memory: memory(950, 520) })].map((e) => epochRowOf(e));
    expect(neonRowOfRun(5, rows).memory).toEqual({ label: 'GPU memory', mib: 520 });
  });

  it('leaves out what an empty run did not measure', () => {
    expect(neonRowOfRun(18, [])).toEqual({ depth: 18 });
  });
});
