import * as tf from '@tensorflow/tfjs';

/** The convolution geometry every training kernel needs, derived once from tfjs's own rules. */
export interface ConvGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
  /** Rows/columns past the input that the last window reaches; negative when it stops short. */
  readonly padBottom: number;
  readonly padRight: number;
}

type Pad = tf.Conv2DBackpropFilterAttrs['pad'];

export const convGeometry = (
  inShape: readonly [number, number, number, number],
  filterShape: readonly [number, number, number, number],
  strides: [number, number] | number,
  pad: Pad,
  dimRoundingMode: tf.Conv2DBackpropFilterAttrs['dimRoundingMode'],
  dataFormat: 'NHWC' | 'NCHW',
): ConvGeometry => {
  if (dataFormat !== 'NHWC') throw new Error(`training kernels support NHWC only, got ${dataFormat}`);
  const info = tf.backend_util.computeConv2DInfo(
    [...inShape] as [number, number, number, number],
    [...filterShape] as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const reachH = (info.outHeight - 1) * info.strideHeight + info.filterHeight;
  const reachW = (info.outWidth - 1) * info.strideWidth + info.filterWidth;
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    padBottom: reachH - info.padInfo.top - info.inHeight,
    padRight: reachW - info.padInfo.left - info.inWidth,
  };
};

/** 2 multiply-adds per filter tap per output element: the FLOPs of a forward convolution. */
export const convFlops = (g: ConvGeometry): number =>
  2 * g.batch * g.outHeight * g.outWidth * g.filterHeight * g.filterWidth * g.inChannels * g.outChannels;
