export * from './pure/index.ts';
