import { calcPrice } from '@pydantic/genai-prices';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { costOf } from './price.js';
import { loadPriceLibrary } from './price-library.js';

const AT = new Date('2026-11-02T12:00:00Z');

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the price library', () => {
  it('prices known models at their providers, with cached-input rates', async () => {
    const library = await loadPriceLibrary();
    const mini = library.lookup('gpt-4o-mini', 'https://api.openai.com/v1', AT);
    expect(mini).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(mini?.price.input).toBeGreaterThan(0);
    expect(mini?.price.output).toBeGreaterThan(mini?.price.input ?? Infinity);
    expect(mini?.price.cachedInput).toBeLessThan(mini?.price.input ?? 0);
    expect(library.lookup('claude-haiku-4-5', 'https://api.anthropic.com/v1', AT)).toMatchObject({
      provider: 'anthropic',
    });
    expect(library.lookup('openai/gpt-4o-mini', 'https://openrouter.ai/api/v1', AT)).toMatchObject({
      provider: 'openrouter',
    });
  });

  it('does not guess: an unknown model or a host no provider serves has no price', async () => {
    const library = await loadPriceLibrary();
    expect(library.lookup('no-such-model-xyz', 'https://api.openai.com/v1', AT)).toBeUndefined();
    expect(library.lookup('gpt-4o-mini', 'https://llm.example.com/v1', AT)).toBeUndefined();
  });

  it.each([
    ['gpt-4o-mini', 'https://api.openai.com/v1'],
    ['gpt-4o', 'https://api.openai.com/v1'],
    ['claude-haiku-4-5', 'https://api.anthropic.com/v1'],
    ['gemini-2.5-pro', 'https://generativelanguage.googleapis.com/v1beta/openai'],
    ['deepseek-chat', 'https://api.deepseek.com/v1'],
  ])(
    'costs %s exactly as the library computes it, tiers and cache included',
    async (model, url) => {
      const library = await loadPriceLibrary();
      const price = library.lookup(model, url, AT)?.price;
      expect(price).toBeDefined();
      for (const [prompt, completion, cached] of [
        [1200, 300, 0],
        [50_000, 2_000, 20_000],
        [250_000, 4_000, 100_000],
      ] as const) {
        const theirs = calcPrice(
          { input_tokens: prompt, output_tokens: completion, cache_read_tokens: cached },
          model,
          { providerApiUrl: url, timestamp: AT },
        );
        const ours = costOf(
          { promptTokens: prompt, completionTokens: completion, cachedPromptTokens: cached },
          price,
        );
        expect(ours).toBeCloseTo(theirs?.total_price ?? Number.NaN, 10);
      }
    },
  );

  it('works offline: loading the catalogue and looking prices up send no request', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network in this test')));
    vi.stubGlobal('fetch', fetch);
    vi.resetModules();
    const fresh = await import('./price-library.js');
    const library = await fresh.loadPriceLibrary();
    expect(library.lookup('gpt-4o', 'https://api.openai.com/v1', AT)).toBeDefined();
    expect(fetch).not.toHaveBeenCalled();
  });
});
