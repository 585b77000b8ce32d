export * from './codecs.ts';
export * from './parse-options.ts';
