import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-error.js';
import { KNOB_NAMES, knobsOf, NO_KNOBS } from './knobs.js';

describe('knobsOf', () => {
  it('reads knobs after the ? of a model name, and none without one', () => {
    expect(knobsOf('markov')).toEqual(NO_KNOBS);
    expect(knobsOf('gpt-4o?')).toEqual(NO_KNOBS);
    expect(
      knobsOf(
        'markov?mention=0.9&to=Ines&repeat=0.3&ramble=1&pass=0.5&leave=0&end=0.1&bid=7&sentences=2&bad_json=0.25',
      ),
    ).toEqual({
      mention: 0.9,
      to: 'Ines',
      repeat: 0.3,
      ramble: 1,
      pass: 0.5,
      leave: 0,
      end: 0.1,
      bid: 7,
      sentences: 2,
      badJson: 0.25,
    });
    expect(knobsOf('markov?to=Zo%C3%A9').to).toBe('Zoé');
  });

  it.each([
    ['markov?mentions=1', /unknown knob 'mentions'.*mention, to, repeat/],
    ['markov?mention=1.5', /knob 'mention' must be a number from 0 to 1, but got "1\.5"/],
    ['markov?mention=', /knob 'mention'.*a number from 0 to 1/],
    ['markov?bid=10', /knob 'bid'.*an integer from 0 to 9/],
    ['markov?sentences=0', /knob 'sentences'.*an integer from 1 to 12/],
    ['markov?to=a b', /knob 'to'/],
  ])('refuses %s with an OpenAI-style 400 naming the knob', (model, message) => {
    let error: unknown;
    try {
      knobsOf(model);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    const body = (error as ApiError).toBody();
    expect((error as ApiError).statusCode).toBe(400);
    expect(body.error.param).toBe('model');
    expect(body.error.message).toMatch(message);
  });

  it('lists every knob the README documents', () => {
    expect(KNOB_NAMES).toEqual([
      'mention',
      'to',
      'repeat',
      'ramble',
      'pass',
      'leave',
      'end',
      'bid',
      'sentences',
      'bad_json',
    ]);
  });
});
