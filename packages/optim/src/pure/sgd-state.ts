/**
 * What an optimizer must save for a run to resume exactly: its update count and one velocity per
 * variable, by variable name. Plain data, so a checkpoint can store it however it likes.
 */
export interface SgdState {
  readonly step: number;
  readonly velocities: Readonly<Record<string, { readonly shape: ReadonlyArray<number>; readonly values: Float32Array }>>;
}
