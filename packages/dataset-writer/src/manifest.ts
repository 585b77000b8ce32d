// The codec lives under pure/ so pure code (here and in the loader) may import it.
export * from './pure/manifest.ts';
