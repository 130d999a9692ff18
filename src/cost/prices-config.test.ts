import { describe, expect, it } from 'vitest';
import { validateConfigFile } from '../config/config-file.js';
import { validatePrices } from './prices-config.js';

describe('prices in roundtable.config.json', () => {
  it('accepts model prices in dollars per million tokens', () => {
    const result = validateConfigFile(
      { turns: 4, prices: { 'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 } } },
      'roundtable.config.json',
    );
    expect(result).toEqual({
      ok: true,
      config: { turns: 4, prices: { 'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 } } },
    });
  });

  it('names the model and field at fault and what would be valid', () => {
    const result = validatePrices({
      'gpt-4o': { input: '2.5', output: 10 },
      mine: { input: 1, output: -1 },
      other: { input: 1, outptu: 2 },
      bare: 3,
    });
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.messages;
    expect(messages).toContain(
      'prices.gpt-4o.input: expected a number of US dollars per million tokens, ≥ 0, got "2.5"',
    );
    expect(messages).toContain(
      'prices.mine.output: expected a number of US dollars per million tokens, ≥ 0, got -1',
    );
    expect(messages.some((m) => m.startsWith('prices.other: unknown price field "outptu"'))).toBe(
      true,
    );
    expect(messages.some((m) => m.startsWith('prices.other.output: missing'))).toBe(true);
    expect(messages.some((m) => m.startsWith('prices.bare: expected an object such as'))).toBe(
      true,
    );
  });

  it('refuses prices that are not an object, through the config file', () => {
    const result = validateConfigFile({ prices: [1] }, 'roundtable.config.json');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      'prices: expected an object of model names to prices, e.g. { "gpt-4o": { "input": 2.5, "cachedInput": 1.25, "output": 10 } }, got a list',
    ]);
  });
});
