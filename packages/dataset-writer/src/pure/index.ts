export * from './manifest.ts';
export * from './record-format.ts';
export * from './check-manifest.ts';
export * from './format-decode-errors.ts';
