/** An axis: its range and the tick values inside it, on a 1-2-5 grid as people read charts. */
export interface Axis {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly ticks: ReadonlyArray<number>;
}

/** The 1, 2 or 5 x 10^k step that gives about `count` intervals over `span`. */
export const niceStep = (span: number, count: number): number => {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
};

/** Multiples of step are computed as k * step so that no float error accumulates. */
const ticksWithin = (min: number, max: number, step: number): ReadonlyArray<number> => {
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => Number(((first + i) * step).toPrecision(12)));
};

/** An empty or one-valued extent still needs a span to draw. */
const widen = (min: number, max: number): readonly [number, number] => {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min < max) return [min, max];
  const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
  return [min - pad, max + pad];
};

/** An axis over the data, widened to the nearest ticks on either side. */
export const niceAxis = (dataMin: number, dataMax: number, count = 5): Axis => {
  const [lo, hi] = widen(dataMin, dataMax);
  const step = niceStep(hi - lo, count);
  const min = Number((Math.floor(lo / step + 1e-9) * step).toPrecision(12));
  const max = Number((Math.ceil(hi / step - 1e-9) * step).toPrecision(12));
  return { min, max, step, ticks: ticksWithin(min, max, step) };
};

/** An axis over exactly the range asked for (a zoomed view), ticks inside it. */
export const fixedAxis = (min: number, max: number, count = 5): Axis => {
  const [lo, hi] = widen(min, max);
  const step = niceStep(hi - lo, count);
  return { min: lo, max: hi, step, ticks: ticksWithin(lo, hi, step) };
};
