import type * as tf from '@tensorflow/tfjs';

// The two engine methods through which every tfjs buffer is born and dies (tfjs-core 4.x engine.ts).
interface EngineInternals {
  trackTensor(tensor: tf.Tensor, backend: unknown): void;
  removeDataId(dataId: object, backend: unknown): void;
  readonly state: { readonly tensorInfo: { has(dataId: object): boolean; get(dataId: object): { readonly bytes: number } | undefined } };
}

/**
 * The peak of tfjs memory while `fn` runs, each buffer counted once. tf.profile's `peakBytes`
 * counts every tensor object, and tfjs makes many objects share one buffer: a reshape, a clone,
 * and every tensor a gradient saves for its backward pass (a clone of its input or output), so a
 * training step that saves one activation for two readers counts it three times. This wraps the
 * engine's trackTensor and removeDataId while `fn` runs and sees each buffer appear and go.
 * What was alive before `fn` (the model, the optimizer) starts the count as tf.memory() counts
 * it, which is exact where no two of those tensors share a buffer. Kernels' scratch memory is
 * not tfjs memory and is not counted.
 */
export const peakBufferBytes = async (tfjs: Pick<typeof tf, 'engine' | 'memory'>, fn: () => void | Promise<void>): Promise<number> => {
  const engine = tfjs.engine() as unknown as EngineInternals;
  const [track, remove] = [engine.trackTensor, engine.removeDataId];
  let live = tfjs.memory().numBytes;
  let peak = live;
  engine.trackTensor = function (tensor, backend) {
    const isNew = !engine.state.tensorInfo.has(tensor.dataId);
    track.call(this, tensor, backend);
    live += isNew ? (engine.state.tensorInfo.get(tensor.dataId)?.bytes ?? 0) : 0;
    peak = Math.max(peak, live);
  };
  engine.removeDataId = function (dataId, backend) {
    const bytes = engine.state.tensorInfo.get(dataId)?.bytes ?? 0;
    remove.call(this, dataId, backend);
    live -= engine.state.tensorInfo.has(dataId) ? 0 : bytes;
  };
  try {
    await fn();
  } finally {
    Object.assign(engine, { trackTensor: track, removeDataId: remove });
  }
  return peak;
};
