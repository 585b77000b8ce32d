import type { StepRecord } from './record-steps.ts';

/** |a - b| / |b|, with b the peer's value (0 when both are 0). */
export const relative = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

export interface StepComparison {
  readonly step: number;
  readonly ours: number;
  readonly peer: number;
  readonly lossRelative: number;
  /** The gradient whose norm differs most, relatively, at this step. */
  readonly worstGradient: { readonly name: string; readonly relative: number };
}

export interface Disagreement {
  readonly step: number;
  readonly quantity: string;
  readonly ours: number;
  readonly peer: number;
  readonly relative: number;
}

/** Step by step: the loss and every gradient norm, relative to the peer's. */
export const compareSteps = (ours: readonly StepRecord[], peer: readonly StepRecord[]): StepComparison[] =>
  peer.slice(0, ours.length).map((p, step) => {
    const o = ours[step] as StepRecord;
    const worstGradient = Object.entries(p.gradNorms)
      .map(([name, norm]) => ({ name, relative: relative(o.gradNorms[name] ?? Number.NaN, norm) }))
      .reduce((a, b) => (b.relative > a.relative || Number.isNaN(b.relative) ? b : a), { name: '-', relative: 0 });
    return { step, ours: o.loss, peer: p.loss, lossRelative: relative(o.loss, p.loss), worstGradient };
  });

/**
 * The first quantity, in step order (the loss, then the gradients by name), whose relative
 * difference passes `tolerance`; undefined when every one of the first `steps` agrees.
 */
export const firstDisagreement = (
  ours: readonly StepRecord[], peer: readonly StepRecord[], tolerance: number, steps = peer.length,
): Disagreement | undefined => {
  for (let step = 0; step < Math.min(steps, peer.length); step++) {
    const o = ours[step];
    const p = peer[step] as StepRecord;
    if (o === undefined) return { step, quantity: 'loss (this side has no such step)', ours: Number.NaN, peer: p.loss, relative: Number.POSITIVE_INFINITY };
    const quantities: Array<[string, number, number]> = [
      ['loss', o.loss, p.loss],
      ...Object.entries(p.gradNorms).map(([name, norm]): [string, number, number] => [`|grad ${name}|`, o.gradNorms[name] ?? Number.NaN, norm]),
    ];
    for (const [quantity, a, b] of quantities) {
      const r = relative(a, b);
      if (!(r <= tolerance)) return { step, quantity, ours: a, peer: b, relative: r };
    }
  }
  return undefined;
};

/** The per-step table `compare.ts` prints (markdown). */
export const renderComparison = (rows: readonly StepComparison[]): string =>
  [
    '| step | loss, this project | loss, peer | relative | gradient norm that differs most | relative |',
    '|---:|---:|---:|---:|---|---:|',
    ...rows.map((r) => `| ${r.step} | ${r.ours.toFixed(6)} | ${r.peer.toFixed(6)} | ${r.lossRelative.toExponential(2)} | ${r.worstGradient.name} | ${r.worstGradient.relative.toExponential(2)} |`),
  ].join('\n');
