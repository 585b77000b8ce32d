import * as E from 'fp-ts/Either';
import { expect, it } from 'vitest';
import { describeSchedule } from './describe-schedule.ts';
import { parseSchedule } from './parse-schedule.ts';
import { scheduleGrammar } from './schedule-grammar.ts';

const describeText = (text: string): string => E.match((left: string) => left, describeSchedule)(parseSchedule(text));

it('describeSchedule prints the canonical compact form and its meaning', () => {
  expect(describeText('warmup:0.01@400,neon')).toBe(
    'warmup:0.01@400,step:90,135 = lr 0.01 for the first 400 steps, then lr 0.1, x0.1 at epochs 90, 135',
  );
  expect(describeText('onecycle:0.4@30')).toBe(
    "onecycle:0.4@30 = one-cycle: up to lr 0.4 over the first 30% of 30 epochs, then down (PyTorch's divisors 25 and 1e4)",
  );
});

it('every example in the grammar text parses', () => {
  const examples = scheduleGrammar.split('examples:')[1]?.split('|').map((s) => s.trim()) ?? [];
  expect(examples.length).toBeGreaterThan(3);
  examples.forEach((example) => expect(parseSchedule(example)).toSatisfy(E.isRight));
});
