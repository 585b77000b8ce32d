export * from './pure/index.ts';
export * from './operators/index.ts';
export * from './sinks/index.ts';
