import { expect, it } from 'vitest';
import { explainFailure } from '../pure/explain-failure.ts';

it('turns a wasm abort into advice and leaves every other message alone', () => {
  const abort = 'Aborted(). Build with -sASSERTIONS for more info.';
  expect(explainFailure(abort, 'wasm', 128)).toMatch(/^the wasm heap \(4 GiB at most\) is exhausted by one training step at batch 128: use --backend tensorflow/);
  expect(explainFailure(abort, 'cpu', 128)).toBe(abort);
  expect(explainFailure('cannot read x', 'wasm', 128)).toBe('cannot read x');
});
