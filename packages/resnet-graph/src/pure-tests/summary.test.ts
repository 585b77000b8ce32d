import { describe, expect, it } from 'vitest';
import { summary } from '../pure/summary.ts';
import { graphOf } from './test-graphs.ts';

describe('summary', () => {
  const text = summary(graphOf({ n: 3 }));
  const lines = text.split('\n');

  it('prints one row per node with its output shape, parameters and inputs', () => {
    const row = lines.find((line) => line.startsWith('stage2/block0/projection '));
    expect(row).toMatch(/\(fixed identity conv 1x1\/2\)\s+16x16x32\s+512\s+131,072\s+stage1\/block2\/relu2$/);
    expect(lines.find((line) => line.startsWith('head/dense '))).toMatch(/\s10\s+640\s+640\s+head\/pool$/);
    expect(lines.filter((line) => / \((conv|fixed identity conv) /.test(line))).toHaveLength(21);
  });

  it('ends with the totals like Keras, plus the multiply-accumulates', () => {
    expect(lines.slice(-4)).toEqual([
      'Total params: 273,688',
      'Trainable params: 269,732',
      'Non-trainable params: 3,956 (fixed 2,560, batch-norm running statistics 1,396)',
      'Multiply-accumulates per image: 40,813,184 (40.8 M)',
    ]);
  });

  it('names the model and how it was built', () => {
    expect(lines[0]).toBe('Model: "resnet20" (n = 3, widths 16/32/64, shortcut identity-projection, head batch norm on, 10 classes, input 32x32x3)');
  });
});
