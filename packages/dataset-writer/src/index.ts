export * from './manifest.ts';
export { openRepository } from './repository.ts';
export type { Repository, SplitData } from './repository.ts';
export { writeRepository } from './write-repository.ts';
export type { WriteOptions, WriteResult } from './write-repository.ts';
export { ensureRepository } from './ensure-repository.ts';
export { OFFICIAL_MD5, OFFICIAL_URL } from './download.ts';
export type { DownloadOptions } from './download.ts';
