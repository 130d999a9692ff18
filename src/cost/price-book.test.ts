import { describe, expect, it, vi } from 'vitest';
import { FREE } from './price.js';
import { quotePrice, quotePrices } from './price-book.js';
import type { PriceLibrary } from './price-library.js';

const AT = new Date('2026-11-02T12:00:00Z');
const library: PriceLibrary = {
  lookup: vi.fn((model: string, baseUrl: string) =>
    model === 'gpt-4o' && baseUrl.startsWith('https://api.openai.com')
      ? { price: { input: 2.5, cachedInput: 1.25, output: 10 }, provider: 'openai', model }
      : undefined,
  ),
};
const openai = { endpoint: 'openai', model: 'gpt-4o', baseUrl: 'https://api.openai.com/v1' };

describe('quotePrice', () => {
  it('takes the price library for a remote endpoint', () => {
    expect(quotePrice(openai, { at: AT }, library)).toMatchObject({
      source: 'library',
      price: { input: 2.5, output: 10 },
      provider: 'openai',
    });
  });

  it('lets the config override the library, and price a local model', () => {
    const prices = { 'gpt-4o': { input: 2, output: 8 }, 'llama3.2': { input: 0.1, output: 0.1 } };
    expect(quotePrice(openai, { at: AT, prices }, library)).toMatchObject({
      source: 'config',
      price: { input: 2, output: 8 },
    });
    const ollama = { endpoint: 'ollama', model: 'llama3.2', baseUrl: 'http://localhost:11434/v1' };
    expect(quotePrice(ollama, { at: AT, prices }, library)).toMatchObject({ source: 'config' });
  });

  it('makes local and offline endpoints free', () => {
    const markov = { endpoint: 'markov', model: 'markov', baseUrl: undefined };
    expect(quotePrice(markov, { at: AT }, library)).toMatchObject({ source: 'local', price: FREE });
    const box = { endpoint: 'gpu-box', model: 'gpt-4o', baseUrl: 'http://10.0.0.5:8000/v1' };
    expect(quotePrice(box, { at: AT }, library)).toMatchObject({ source: 'local', price: FREE });
  });

  it('leaves a price it cannot find unknown', () => {
    const proxy = { endpoint: 'proxy', model: 'gpt-4o', baseUrl: 'https://llm.example.com/v1' };
    const quote = quotePrice(proxy, { at: AT }, library);
    expect(quote.source).toBe('unknown');
    expect(quote.price).toBeUndefined();
    expect(quotePrice(openai, { at: AT }, undefined).source).toBe('unknown');
  });
});

describe('quotePrices', () => {
  it('quotes each endpoint and model once and looks them up by name', async () => {
    const list = await quotePrices(
      [
        { endpoint: 'markov', model: 'markov', baseUrl: undefined },
        { endpoint: 'markov', model: 'markov', baseUrl: undefined },
        { endpoint: 'proxy', model: 'm', baseUrl: 'https://llm.example.com/v1' },
      ],
      { at: AT },
    );
    expect(list.quotes).toHaveLength(2);
    expect(list.priceOf('markov', 'markov')).toEqual(FREE);
    expect(list.priceOf('proxy', 'm')).toBeUndefined();
    expect(list.quoteOf('proxy', 'm')?.source).toBe('unknown');
    expect(list.priceOf('elsewhere', 'markov')).toBeUndefined();
  });

  it('uses the bundled library for real providers', async () => {
    const list = await quotePrices([openai], { at: AT });
    expect(list.quoteOf('openai', 'gpt-4o')?.source).toBe('library');
  });
});
