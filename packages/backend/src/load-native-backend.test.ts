import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNativeBackend } from './load-native-backend.ts';

const root = mkdtempSync(join(tmpdir(), 'load-native-backend-'));
const from = pathToFileURL(join(root, 'app.js')).href;

/** A real package on disk whose entry point runs `body` when imported. */
const installPackage = (name: string, body: string): void => {
  const dir = join(root, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '4.22.0', main: 'index.js' }));
  writeFileSync(join(dir, 'index.js'), body);
};

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadNativeBackend', () => {
  it('says "not installed" when the package does not resolve', async () => {
    expect(await loadNativeBackend('@tensorflow/tfjs-node-gpu', from)).toEqual(
      E.left('@tensorflow/tfjs-node-gpu: not installed'),
    );
  });

  it('says "failed to load" with the first line of the error when importing throws', async () => {
    installPackage('@tensorflow/tfjs-node-gpu', "throw new Error('libcudnn.so.8: cannot open shared object file\\nmore');");
    expect(await loadNativeBackend('@tensorflow/tfjs-node-gpu', from)).toEqual(
      E.left('@tensorflow/tfjs-node-gpu: failed to load: libcudnn.so.8: cannot open shared object file'),
    );
  });

  it('succeeds when the package imports cleanly', async () => {
    installPackage('@tensorflow/tfjs-node', 'module.exports = {};');
    expect(await loadNativeBackend('@tensorflow/tfjs-node', from)).toEqual(E.right(undefined));
  });
});
