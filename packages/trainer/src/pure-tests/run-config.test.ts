import { describe, expect, it } from 'vitest';
import { incompatibleFields, neonDefaults } from '../pure/run-config.ts';

describe('incompatibleFields', () => {
  it('lets a resume switch gradient checkpointing on or off: it changes memory and time, not a bit of the result', () => {
    expect(incompatibleFields(neonDefaults, { ...neonDefaults, recompute: 'blocks' })).toEqual([]);
    expect(incompatibleFields({ ...neonDefaults, recompute: 'blocks' }, { ...neonDefaults, recompute: 'none' })).toEqual([]);
  });

  it('still names a field that changes what a step computes, beside a changed recompute', () => {
    expect(incompatibleFields(neonDefaults, { ...neonDefaults, recompute: 'blocks', batchSize: 64 })).toEqual(['batchSize']);
  });
});
