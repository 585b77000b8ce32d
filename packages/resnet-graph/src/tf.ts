import type * as tfjs from '@tensorflow/tfjs';

/** The tfjs namespace, passed in by the caller so that this package never picks a backend. */
export type Tf = typeof tfjs;
