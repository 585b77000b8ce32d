import * as O from 'fp-ts/lib/Option.js';

/** Images per second; none when no time has passed (a rate from zero seconds means nothing). */
export const imagesPerSecondOf = (images: number, seconds: number): O.Option<number> =>
  seconds > 0 && Number.isFinite(seconds) ? O.some(images / seconds) : O.none;
