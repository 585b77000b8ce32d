import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { decodeJson } from '../pure/decode-json.ts';
import { BenchmarkReport, DepthMeasured, DepthResult } from '../pure/depth-result.ts';
import { measuredDepth, sampleReport } from './sample-results.ts';
import { seededRandom, testSeed } from '@resnet-cifar/test-support';

describe('benchmark.json and the child line', () => {
  it('round-trips a whole report through JSON text and the codec', () => {
    const report = sampleReport(seededRandom(testSeed('codec round trip')));
    const text = JSON.stringify(BenchmarkReport.encode(report));
    expect(decodeJson(BenchmarkReport, text, 'benchmark.json')).toEqual(E.right(report));
  });

  it('tells a failed depth from a measured one', () => {
    const failed = decodeJson(DepthResult, '{"status":"failed","depth":9,"message":"killed by SIGKILL"}', 'line');
    expect(failed).toEqual(E.right({ status: 'failed', depth: 9, message: 'killed by SIGKILL' }));
  });

  it('refuses a child line with a missing figure, naming it in one line', () => {
    const { pipeline: _, ...withoutPipeline } = measuredDepth(3, 1, seededRandom(testSeed('codec missing')));
    const decoded = decodeJson(DepthMeasured, JSON.stringify(withoutPipeline), 'n=3 result');
    expect(decoded).toEqual(E.left('n=3 result: bad pipeline (undefined)'));
  });

  it('refuses text that is not JSON (a stray log line on stdout)', () => {
    const decoded = decodeJson(DepthMeasured, 'Hi there 👋. Looks like you are running TensorFlow.js', 'n=3 result');
    expect(E.isLeft(decoded) && decoded.left.startsWith('n=3 result is not JSON')).toBe(true);
  });

  it('drops unknown fields instead of carrying them into benchmark.json', () => {
    const next = seededRandom(testSeed('codec strict'));
    const decoded = decodeJson(DepthMeasured, JSON.stringify({ ...measuredDepth(3, 1, next), secret: 1 }), 'line');
    expect(E.isRight(decoded) && !('secret' in decoded.right)).toBe(true);
  });
});
