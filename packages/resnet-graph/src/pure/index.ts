export { checkFits, type DataShape } from './check-fits.ts';
export { deriveSeed } from './derive-seed.ts';
export { formatErrors } from './format-errors.ts';
export { Graph } from './graph.ts';
export { decodeGraph, graphFromJson, graphToJson } from './graph-json.ts';
export { inferShapes, nodeShape, outputShapes } from './infer-shapes.ts';
export { NEON_BN_EPSILON, NEON_BN_MOMENTUM } from './layers.ts';
export { macsPerImage, nodeMacs } from './macs.ts';
export {
  AddNode,
  AvgPoolNode,
  BatchNormNode,
  ChannelPadNode,
  ConvNode,
  DenseNode,
  InputNode,
  Node,
  nodeInputs,
  ReluNode,
  Shape,
  SoftmaxNode,
  type NodeKind,
} from './node.ts';
export { recomputeModes, recomputeOptionHelp, type Recompute } from './recompute.ts';
export { residualBlocks, type ResidualBlock } from './residual-blocks.ts';
export { parameterCounts, type ParameterCounts } from './parameter-counts.ts';
export { parameters, parameterSize, type Init, type ParameterRole, type ParameterSpec } from './parameters.ts';
export { basicBlock, resnet } from './resnet.ts';
export { decodeResnetOptions, ResnetOptions, Shortcut, type ResnetSpec } from './resnet-options.ts';
export { summary } from './summary.ts';
export { validateGraph } from './validate-graph.ts';
export { checkEntries, manifestToJson, MODEL_FILE, ModelManifest, WEIGHTS_FILE, WeightEntry, weightEntries } from './model-manifest.ts';
