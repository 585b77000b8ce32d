/** Just enough of an SVG reader for tests: elements with attributes, and text contents. */
export interface SvgElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
}

const attrsOf = (source: string): Record<string, string> =>
  Object.fromEntries([...source.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));

export const svgElements = (svg: string): ReadonlyArray<SvgElement> =>
  [...svg.matchAll(/<([a-zA-Z]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>(?:([^<]*)<\/\1>)?/g)].map((m) => ({
    tag: m[1] ?? '',
    attrs: attrsOf(m[2] ?? ''),
    text: m[4] ?? '',
  }));

/** Subpaths of an SVG path's `d` (M x y L x y ...), as lists of [x, y]. */
export const subpaths = (d: string): ReadonlyArray<ReadonlyArray<readonly [number, number]>> =>
  d
    .split('M')
    .filter((part) => part.trim() !== '')
    .map((part) =>
      part
        .split('L')
        .map((pair) => pair.trim().split(/\s+/).map(Number))
        .map(([x, y]) => [x ?? Number.NaN, y ?? Number.NaN] as const),
    );
