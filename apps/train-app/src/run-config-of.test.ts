import * as E from 'fp-ts/Either';
import { expect, it } from 'vitest';
import { parseOptions } from '@resnet-cifar/cli-options';
import { trainOptionSpec } from './options.ts';
import { runConfigOf } from './run-config-of.ts';

const configOf = (argv: string[]) => {
  const result = parseOptions(trainOptionSpec, argv);
  if (E.isLeft(result) || result.right.help) throw new Error(`unexpected parse of ${argv.join(' ')}`);
  return runConfigOf(result.right.options);
};

it('--recompute reaches the RunConfig the session compiles from, none when not given', () => {
  expect(configOf(['--recompute=blocks']).recompute).toBe('blocks');
  expect(configOf(['--recompute', 'none']).recompute).toBe('none');
  expect(configOf([]).recompute).toBe('none');
});
