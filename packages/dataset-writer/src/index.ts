export * from './manifest.ts';
export { openRepository } from './repository.ts';
export type { Repository, SplitData } from './repository.ts';
export { writeRepository } from './write-repository.ts';
export type { WriteOptions, WriteResult } from './write-repository.ts';
