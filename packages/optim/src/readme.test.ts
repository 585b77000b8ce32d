import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { scheduleGrammar, sgdGrammar } from './pure/index.ts';

it('README shows the grammars exactly as the code prints them', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(scheduleGrammar);
  expect(readme).toContain(sgdGrammar);
});
