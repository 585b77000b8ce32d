import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { flag, int, intList, oneOf, positiveNumber, text } from './codecs.ts';
import { option, optional, parseOptions, settingsLine, usage } from './parse-options.ts';

const spec = {
  depth: option(int(1, 1000), 'n: the network has 6n+2 layers', 9),
  lr: option(positiveNumber, 'learning rate', 0.1),
  padding: option(oneOf(['mean', 'zero'] as const), 'border padding', 'mean' as 'mean' | 'zero'),
  depths: option(intList(1), 'depths to run', [3, 5]),
  widths: option(intList(1, 200), 'widths', [16]),
  resume: option(flag, 'continue from the last checkpoint', false),
  dataDir: optional(text, 'record repository'),
};

const parse = (argv: string[]) => parseOptions(spec, argv);

describe('parseOptions', () => {
  it('fills defaults when nothing is given', () => {
    expect(parse([])).toEqual(E.right({ help: false, options: { depth: 9, lr: 0.1, padding: 'mean', depths: [3, 5], widths: [16], resume: false, dataDir: undefined }, given: new Set() }));
  });

  it('reads --x=v, --x v and bare flags, mapping kebab-case to camelCase', () => {
    const parsed = parse(['--depth=18', '--lr', '0.05', '--resume', '--data-dir', '/tmp/r', '--depths=3,5,9,18']);
    expect(parsed).toEqual(
      E.right({
        help: false,
        options: { depth: 18, lr: 0.05, padding: 'mean', depths: [3, 5, 9, 18], widths: [16], resume: true, dataDir: '/tmp/r' },
        given: new Set(['depth', 'lr', 'resume', 'dataDir', 'depths']),
      }),
    );
  });

  it('tells an option given with its default value from one left out', () => {
    const parsed = parse(['--depth=9']);
    expect(E.isRight(parsed) && !parsed.right.help && [...parsed.right.given]).toEqual(['depth']);
  });

  it.each([
    [['--depth=0'], "invalid --depth '0': expected an integer in 1..1000"],
    [['--depth=2.5'], "invalid --depth '2.5': expected an integer in 1..1000"],
    [['--lr=-1'], "invalid --lr '-1': expected a number > 0"],
    [['--padding=reflect'], "invalid --padding 'reflect': expected one of mean, zero"],
    [['--depths=3,x'], "invalid --depths '3,x': expected a comma-separated list of integers >= 1"],
    [['--widths=3,201'], "invalid --widths '3,201': expected a comma-separated list of integers in 1..200"],
    [['--dept=3'], 'unknown option --dept (see --help for the options)'],
    [['--lr'], 'option --lr needs a value: a number > 0'],
    [['18'], "unexpected argument '18': options look like --name=value (see --help)"],
    [['--lr=1', '--lr=2'], 'option --lr is given twice'],
  ])('rejects %j with one line naming the option', (argv, message) => {
    expect(parse(argv)).toEqual(E.left(message));
  });

  it('answers --help before looking at anything else', () => {
    expect(parse(['--bogus', '--help'])).toEqual(E.right({ help: true }));
  });

  it('lists every option with its default in the usage text', () => {
    const text = usage('train-app', 'Trains a ResNet.', spec);
    expect(text).toContain('--depth');
    expect(text).toContain('(default: 9)');
    expect(text).toContain('--data-dir');
    expect(text).toContain('(default: 3,5)');
  });
});

describe('settingsLine', () => {
  it('names every chosen setting as an option, with what an absent optional means and notes', () => {
    const withRecords = { ...spec, records: optional(int(1), 'first N records', 'all') };
    const options = { depth: 3, lr: 0.1, padding: 'mean' as const, depths: [3, 5], widths: [16], resume: false, dataDir: undefined, records: undefined };
    expect(settingsLine('train-app', withRecords, options, ['depth', 'depths', 'records', 'dataDir', 'padding'], { padding: 'neon' })).toBe(
      'train-app runs with --depth=3 --depths=3,5 --records=all --data-dir=unset --padding=mean (neon)',
    );
  });

  it('shows what an absent optional means in the usage text', () => {
    expect(usage('x', 'X.', { records: optional(int(1), 'first N records', 'all') })).toContain('first N records; a positive integer (default: all)');
  });
});
