import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/Either';

export type NativePackage = '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node';

const isInstalled = (pkg: string, from: string): boolean => {
  try {
    createRequire(from).resolve(pkg);
    return true;
  } catch {
    return false;
  }
};

/**
 * Imports a tfjs-node package, which registers the `tensorflow` backend as a side effect.
 * Left is the reason it cannot serve: 'not installed' or 'failed to load: <first line>'
 * (a missing libtensorflow, CUDA or binding, or Node >= 23 lacking util.isNullOrUndefined).
 * `from` is where resolution starts (a file URL), so a test can point at a package tree of its own.
 */
export const loadNativeBackend = async (
  pkg: NativePackage,
  from: string = import.meta.url,
): Promise<E.Either<string, void>> => {
  if (!isInstalled(pkg, from)) return E.left(`${pkg}: not installed`);
  try {
    await import(/* @vite-ignore */ pathToFileURL(createRequire(from).resolve(pkg)).href);
    return E.right(undefined);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return E.left(`${pkg}: failed to load: ${message.split('\n')[0] ?? ''}`);
  }
};
