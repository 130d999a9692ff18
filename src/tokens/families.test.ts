import { describe, expect, it } from 'vitest';
import { createTokenCounter } from './counter.js';
import { bpeFamilyFor } from './families.js';

describe('bpeFamilyFor', () => {
  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['chatgpt-4o-latest', 'o200k_base'],
    ['gpt-4.1-nano', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-5.2-codex', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['o4-mini-2025-04-16', 'o200k_base'],
    ['openai/gpt-4o', 'o200k_base'],
    ['GPT-4O', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
  ])('%s is counted with %s', (model, encoding) => {
    expect(bpeFamilyFor(model)?.encoding).toBe(encoding);
  });

  it.each([
    'claude-sonnet-4-5',
    'llama3.1:8b',
    'mistralai/Mistral-7B-Instruct-v0.3',
    'gpt-oss-20b',
    'o10-experimental',
    'gpt-40',
    'markov',
  ])('%s has no tokenizer here', (model) => {
    expect(bpeFamilyFor(model)).toBeUndefined();
  });

  it('gives unknown families and unnamed models the calibrated estimate', () => {
    expect(createTokenCounter('claude-sonnet-4-5')).toMatchObject({
      method: 'estimate',
      exact: false,
    });
    expect(createTokenCounter(undefined).method).toBe('estimate');
    expect(createTokenCounter('gpt-4o-mini')).toMatchObject({ method: 'o200k_base', exact: true });
  });
});
