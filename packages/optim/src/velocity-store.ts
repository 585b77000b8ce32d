import type * as tfjs from '@tensorflow/tfjs';
import type { SgdState } from './pure/index.ts';

/** One momentum buffer per named variable, as non-trainable tf.Variables updated in place. */
export interface VelocityStore {
  /** Throws once disposed: using a disposed optimizer is a bug. */
  get(name: string): tfjs.Variable;
  /** Copies of every velocity (reads the device, asynchronously: webgpu has no synchronous read in Node). */
  read(): Promise<SgdState['velocities']>;
  /** Overwrites velocities by name; the caller has checked names and shapes. */
  write(velocities: SgdState['velocities']): void;
  dispose(): void;
}

export const createVelocityStore = (tf: typeof tfjs, variables: ReadonlyMap<string, tfjs.Variable>): VelocityStore => {
  // Unnamed: tfjs variable names are global, and two optimizers over one model must not collide.
  const velocities = new Map([...variables].map(([name, w]) => [name, tf.tidy(() => tf.variable(tf.zerosLike(w), false))] as const));
  let disposed = false;
  const get = (name: string): tfjs.Variable => {
    const v = velocities.get(name);
    if (v === undefined || disposed) throw new Error(`sgd: no velocity for '${name}'${disposed ? ' (optimizer disposed)' : ''}`);
    return v;
  };
  return {
    get,
    read: async () =>
      Object.fromEntries(
        await Promise.all(
          [...velocities.keys()].map(async (name) => {
            const v = get(name);
            // Copy: data() may hand out the backend's own buffer.
            return [name, { shape: [...v.shape], values: Float32Array.from(await v.data()) }] as const;
          }),
        ),
      ),
    write: (saved) =>
      Object.entries(saved).forEach(([name, { shape, values }]) =>
        tf.tidy(() => get(name).assign(tf.tensor(Float32Array.from(values), [...shape], 'float32'))),
      ),
    dispose: () => {
      if (!disposed) velocities.forEach((v) => v.dispose());
      disposed = true;
    },
  };
};
