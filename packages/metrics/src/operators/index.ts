export * from './of-type.ts';
export * from './running-mean.ts';
export * from './epoch-progress.ts';
export * from './images-per-second.ts';
export * from './seconds-per-epoch.ts';
export * from './misclassification.ts';
export * from './peak-memory.ts';
export * from './epoch-rows.ts';
