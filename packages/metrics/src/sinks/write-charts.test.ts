import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as E from 'fp-ts/lib/Either.js';
import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { epochRowOf } from '../pure/epoch-row.ts';
import { palette, renderLineChart } from '../pure/line-chart.ts';
import { runCharts, type RunRows } from '../pure/run-charts.ts';
import { epochDone, sampleRun } from '../pure-tests/sample-events.ts';
import { svgElements } from '../pure-tests/svg-elements.ts';
import { renderPng } from './render-png.ts';
import { useTempDir } from './testing/temp-dir.ts';
import { writeCharts } from './write-charts.ts';
import { writePlots } from './write-plots.ts';

const tempDir = useTempDir();
const runs: ReadonlyArray<RunRows> = [
  { name: 'n=3', rows: [0, 1, 2, 3].map((e) => epochRowOf(epochDone(e))) },
  { name: 'n=5', rows: [0, 1, 2].map((e) => epochRowOf(epochDone(e, { valError: 0.4 - 0.1 * e }))) },
];

/** How many pixels are (nearly) this colour: a drawn line leaves hundreds. */
const pixelsOf = (rgba: Buffer, hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (Math.abs(rgba[i]! - r) + Math.abs(rgba[i + 1]! - g) + Math.abs(rgba[i + 2]! - b) < 30) n += 1;
  }
  return n;
};

/** Decodes a PNG with resvg itself, by drawing it as the only image of an SVG. */
const decodePng = (png: Buffer, width: number, height: number): Buffer =>
  new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="data:image/png;base64,${png.toString('base64')}" width="${width}" height="${height}"/></svg>`,
  ).render().pixels;

describe('chart files', () => {
  it('writes neon\'s four plots as SVG and PNG for several runs on one chart', () => {
    const dir = tempDir();
    const written = writeCharts(dir, runs);
    expect(E.isRight(written) && written.right.length).toBe(8);
    expect(readdirSync(dir).sort()).toEqual(
      ['learning_rate', 'train_loss', 'val_error', 'val_error_zoom'].flatMap((n) => [`${n}.png`, `${n}.svg`]),
    );
    const svg = readFileSync(join(dir, 'val_error.svg'), 'utf8');
    expect(svgElements(svg).filter((e) => e.attrs['class'] === 'series').map((e) => e.attrs['data-name'])).toEqual(['n=3', 'n=5']);
    expect(() => new Resvg(svg)).not.toThrow(); // well-formed for a strict XML parser
  });

  it('renders a PNG twice the SVG\'s size with both runs\' lines in their colours', () => {
    const rendered = renderPng(renderLineChart(runCharts(runs)[0]!.chart));
    expect(E.isRight(rendered)).toBe(true);
    const png = E.isRight(rendered) ? rendered.right : Buffer.alloc(0);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1440, 840]);
    const pixels = decodePng(png, 1440, 840);
    expect(pixelsOf(pixels, palette[0]!)).toBeGreaterThan(200);
    expect(pixelsOf(pixels, palette[1]!)).toBeGreaterThan(200);
  });

  it('redraws a run\'s SVG plots at every epoch and adds the PNGs when the run completes', async () => {
    const dir = tempDir();
    const events = sampleRun();
    const pointsAtEachEpoch: number[] = [];
    const seen = await lastValueFrom(
      from(events).pipe(
        writePlots(dir, 'n=3'),
        tap((event) => {
          if (event.type !== 'epoch') return;
          const svg = readFileSync(join(dir, 'val_error.svg'), 'utf8');
          const series = svgElements(svg).find((e) => e.attrs['class'] === 'series')!;
          pointsAtEachEpoch.push(Number(series.attrs['data-points']));
          expect(readdirSync(dir).filter((f) => f.endsWith('.png'))).toEqual([]);
        }),
        toArray(),
      ),
    );
    expect(seen).toEqual(events);
    expect(pointsAtEachEpoch).toEqual([1, 2]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.png'))).toHaveLength(4);
  });

  it('fails with a one-line message when the folder cannot be written', () => {
    const blocker = join(tempDir(), 'file');
    writeCharts(blocker, [], { png: false }); // creates charts inside `file/`: a folder now
    const result = writeCharts(join(blocker, 'val_error.svg'), runs, { png: false });
    expect(E.isLeft(result) && result.left).toMatch(/^cannot write .*val_error\.svg\/val_error\.svg: E[A-Z]+/);
  });
});
