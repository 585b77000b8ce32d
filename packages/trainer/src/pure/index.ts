export * from './run-config.ts';
export * from './base-learning-rate.ts';
export * from './checkpoint-header.ts';
export * from './schedule-of.ts';
export * from './explain-failure.ts';
