/** Shown where a figure was not measured (or cannot be computed). */
export const missing = '—';

const finite = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

/** A fraction as a percentage, two decimals as neon prints it: 0.0829 -> "8.29 %". */
export const formatPercent = (fraction: number | undefined): string =>
  finite(fraction) ? `${(fraction * 100).toFixed(2)} %` : missing;

/** Whole seconds once they are large, as a table reader compares them. */
export const formatSeconds = (seconds: number | undefined): string =>
  !finite(seconds) ? missing : seconds >= 100 ? seconds.toFixed(0) : seconds >= 10 ? seconds.toFixed(1) : seconds.toFixed(2);

export const formatMiB = (mib: number | undefined): string => (finite(mib) ? `${mib.toFixed(0)} MiB` : missing);

/** measured / reference, e.g. "5.45×"; missing when either side is. */
export const formatRatio = (measured: number | undefined, reference: number | undefined): string =>
  finite(measured) && finite(reference) && reference !== 0 ? `${(measured / reference).toFixed(2)}×` : missing;

/** Short, deterministic tick and legend numbers: no float noise such as 0.30000000000000004. */
export const formatTick = (value: number, step: number): string => {
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(Math.abs(step)) + 1e-9)));
  const text = value.toFixed(decimals);
  return text === '-0' || /^-0\.0*$/.test(text) ? text.slice(1) : text;
};
