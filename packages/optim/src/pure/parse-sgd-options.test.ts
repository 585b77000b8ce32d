import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { decodeSgdOptions, parseSgdOptions } from './parse-sgd-options.ts';
import { defaultSgdOptions } from './sgd-options.ts';

describe('SGD options from the CLI and JSON', () => {
  it("defaults to neon's recipe: momentum 0.9, wd 1e-4, neon form, batch norm decayed", () => {
    expect(parseSgdOptions('')).toEqual(E.right({ momentum: 0.9, weightDecay: 1e-4, nesterov: false, form: 'neon', decayBatchNorm: true }));
    expect(decodeSgdOptions({})).toEqual(E.right(defaultSgdOptions));
    expect(decodeSgdOptions(undefined)).toEqual(E.right(defaultSgdOptions));
  });

  it('reads every option from the compact form', () => {
    expect(parseSgdOptions('momentum=0.5, wd=5e-4,nesterov,form=pytorch,bn-decay=off')).toEqual(
      E.right({ momentum: 0.5, weightDecay: 5e-4, nesterov: true, form: 'pytorch', decayBatchNorm: false }),
    );
  });

  it('reads a JSON object, keeping defaults for absent fields', () => {
    expect(decodeSgdOptions({ nesterov: true, decayBatchNorm: false })).toEqual(
      E.right({ ...defaultSgdOptions, nesterov: true, decayBatchNorm: false }),
    );
  });

  it.each([
    ['momentum=1', /momentum must be a number in \[0, 1\), got 1/],
    ['wd=-1e-4', /weight decay must be a finite number >= 0, got -0.0001/],
    ['form=adam', /must be one of neon, pytorch, got "adam"/],
    ['nesterov,momentum=0', /nesterov needs a momentum > 0/],
    ['lr=0.1', /unknown sgd option 'lr'/],
    [{ weight_decay: 0 }, /unknown field 'weight_decay' in sgd options/],
    [{ momentum: '0.9' }, /momentum must be a number in \[0, 1\), got "0.9"/],
  ])('rejects %j with one line', (input, message) => {
    const result = decodeSgdOptions(input);
    expect(E.isLeft(result) && result.left).toMatch(message);
    expect(E.isLeft(result) && result.left).not.toContain('\n');
  });
});
