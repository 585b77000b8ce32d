import { describe, expect, it } from 'vitest';
import { boundedPrefetch } from './bounded-prefetch.ts';

describe('boundedPrefetch', () => {
  it('starts nothing before the first pull and keeps the window at `ahead` items', async () => {
    const requested: number[] = [];
    const it = boundedPrefetch(6, async (k) => (requested.push(k), k * 10), 3);
    expect(requested).toEqual([]);
    expect(await it.next()).toEqual({ done: false, value: 0 });
    expect(requested).toEqual([0, 1, 2, 3]);
    await it.next();
    expect(requested).toEqual([0, 1, 2, 3, 4]);
  });

  it('surfaces a failure when its item is due, then releases once and ends', async () => {
    let released = 0;
    const it = boundedPrefetch(
      5,
      (k) => (k === 1 ? Promise.reject(new Error('batch 1 failed')) : Promise.resolve(k)),
      2,
      () => void released++,
    );
    expect((await it.next()).value).toBe(0);
    await expect(it.next()).rejects.toThrow('batch 1 failed');
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(released).toBe(1);
  });

  it('releases on return() and delivers nothing after', async () => {
    let released = 0;
    const it = boundedPrefetch(5, async (k) => k, 1, () => void released++);
    await it.next();
    await it.return?.();
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(released).toBe(1);
  });
});
