import { describe, expect, it } from 'vitest';
import { lineProgress } from './download-progress.ts';

describe('lineProgress', () => {
  it('prints the start and one line per tenth of a known size, not one per chunk', () => {
    const lines: string[] = [];
    const progress = lineProgress((line) => lines.push(line), 'cifar.tar.gz');
    progress.start(100e6, 20e6);
    for (let received = 20e6; received <= 100e6; received += 1e6) progress.update(received);
    progress.stop();
    expect(lines[0]).toBe('cifar.tar.gz: downloading 100.0 MB, resuming at 20.0 MB');
    expect(lines.slice(1)).toEqual([20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `cifar.tar.gz: ${p}.0 MB of 100.0 MB (${p}%)`));
  });

  it('prints every 20 MB when the server gives no size', () => {
    const lines: string[] = [];
    const progress = lineProgress((line) => lines.push(line), 'x');
    progress.start(undefined, 0);
    for (let received = 0; received <= 45e6; received += 5e6) progress.update(received);
    expect(lines).toEqual(['x: downloading unknown size', 'x: 0.0 MB', 'x: 20.0 MB', 'x: 40.0 MB']);
  });
});
