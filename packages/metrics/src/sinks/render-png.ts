import { Resvg } from '@resvg/resvg-js';
import * as E from 'fp-ts/lib/Either.js';

export interface PngOptions {
  /** Output width in pixels; the height follows the SVG's aspect ratio. Default: the SVG's own width x 2. */
  readonly width?: number;
}

/**
 * Rasterises an SVG with resvg (its native binary ships in the npm package). Our charts
 * name DejaVu Sans first, which most Linux systems have; resvg falls back to any system font.
 */
export const renderPng = (svg: string, options: PngOptions = {}): E.Either<string, Buffer> =>
  E.tryCatch(
    () => {
      const resvg = new Resvg(svg, {
        font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
        fitTo: options.width === undefined ? { mode: 'zoom', value: 2 } : { mode: 'width', value: options.width },
        background: '#ffffff',
      });
      return resvg.render().asPng();
    },
    (error) => `cannot render PNG: ${error instanceof Error ? error.message : String(error)}`,
  );
