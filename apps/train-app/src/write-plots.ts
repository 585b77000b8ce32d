import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { epochRowOf, renderLineChart, runCharts, type EpochDone } from '@resnet-cifar/metrics';

/** neon's val_error plots (full and zoomed), training loss and learning rate, as SVG beside the log. */
export const writePlots = (dir: string, name: string, epochs: readonly EpochDone[]): void => {
  for (const { name: file, chart } of runCharts([{ name, rows: epochs.map(epochRowOf) }])) {
    writeFileSync(join(dir, `${file}.svg`), renderLineChart(chart));
  }
};
