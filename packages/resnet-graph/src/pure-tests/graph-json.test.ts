import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeGraph, graphFromJson, graphToJson } from '../pure/graph-json.ts';
import { resnet } from '../pure/resnet.ts';
import { graphOf } from './test-graphs.ts';
import { testSeed } from '@resnet-cifar/test-support';

describe('graph JSON', () => {
  it('round-trips every buildable graph to an equal graph and the same text', () => {
    const options = fc.record({
      n: fc.integer({ min: 1, max: 6 }),
      shortcut: fc.constantFrom('identity-projection' as const, 'zero-pad' as const, 'conv' as const),
      headBatchNorm: fc.boolean(),
      classes: fc.integer({ min: 2, max: 100 }),
      widths: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }).map((ws) => ws.sort((a, b) => a - b)),
    });
    fc.assert(
      fc.property(options, (o) => {
        const graph = resnet(o);
        if (E.isLeft(graph)) return;
        const text = graphToJson(graph.right);
        const back = graphFromJson(text);
        expect(back).toEqual(E.right(graph.right));
        expect(E.isRight(back) && graphToJson(back.right)).toBe(text);
      }),
      { seed: testSeed('graph JSON round trip'), numRuns: 60 },
    );
  });

  it('writes identity and wiring first on each node, one node per line', () => {
    const lines = graphToJson(graphOf({ n: 1 })).split('\n');
    expect(lines[1]).toBe('  "format": "resnet-graph",');
    expect(lines).toContain(
      '    {"name":"stem/conv","kind":"conv","inputs":["input"],"filters":16,"init":"kaiming","kernel":3,"pad":1,"stride":1,"trainable":true},',
    );
  });

  it('names the offending field of a malformed graph', () => {
    const json = JSON.parse(graphToJson(graphOf({ n: 1 }))) as { nodes: Array<Record<string, unknown>> };
    json.nodes[1] = { ...json.nodes[1], stride: -1 };
    expect(decodeGraph(json)).toEqual(E.left('not a resnet-graph v1 graph: nodes.1.stride: expected PositiveInteger, got -1'));
  });

  it('rejects a well-formed graph whose wiring is wrong', () => {
    const json = JSON.parse(graphToJson(graphOf({ n: 1 }))) as { nodes: Array<Record<string, unknown>> };
    json.nodes.splice(2, 1);
    expect(decodeGraph(json)).toEqual(E.left('graph resnet8: stem/relu: reads "stem/bn", which is not an earlier node'));
  });

  it('rejects text that is not JSON, with the parser\'s reason', () => {
    const result = graphFromJson('{"format": ');
    expect(E.isLeft(result) && result.left).toMatch(/^graph JSON does not parse: /);
  });
});
