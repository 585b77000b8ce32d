import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { sampleRun } from './sample-events.ts';
import { formatJsonlLine, parseJsonl } from '../pure/jsonl.ts';

const logOf = (events = sampleRun()): string => events.map(formatJsonlLine).join('');

describe('JSONL event log', () => {
  it('round-trips a whole run through the codec', () => {
    expect(parseJsonl(logOf())).toEqual(E.right({ events: sampleRun(), truncatedTail: '' }));
  });

  it('writes one line per event, each ending in a newline', () => {
    const text = logOf();
    expect(text.split('\n')).toHaveLength(sampleRun().length + 1);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('parses a crashed run up to its last complete line, at every cut point of the last line', () => {
    const events = sampleRun();
    const complete = logOf(events.slice(0, -1));
    const last = formatJsonlLine(events.at(-1)!);
    for (let cut = 1; cut < last.length; cut += 1) {
      const parsed = parseJsonl(complete + last.slice(0, cut));
      expect(parsed).toEqual(E.right({ events: events.slice(0, -1), truncatedTail: last.slice(0, cut) }));
    }
  });

  it('reports a corrupt complete line by its number', () => {
    const lines = logOf().split('\n');
    lines[2] = '{"type":"step","epoch":"zero"}';
    const result = parseJsonl(lines.join('\n'));
    expect(E.isLeft(result) && result.left).toMatch(/^event log line 3: invalid step event: /);
  });

  it('reads an empty log as no events', () => {
    expect(parseJsonl('')).toEqual(E.right({ events: [], truncatedTail: '' }));
  });
});
