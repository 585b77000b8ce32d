export * from './codecs.ts';
export * from './nx-kept-options.ts';
export * from './parse-options.ts';
