// The OpenAI model adapter against a fake server: failures no retry can fix fail at once, fatal,
// and say what to do.
import { describe, expect, it } from 'vitest';
import { openAIError } from './test-utils/fake-openai.js';
import { fakeOpenAIPerTest } from './test-utils/fake-openai-per-test.js';
import { asModelError, harness, json, request, run } from './test-utils/run-model.js';

const fake = fakeOpenAIPerTest();

describe('errors that no retry can fix', () => {
  it.each([401, 403])('HTTP %i: auth error, fatal, asked once', async (status) => {
    fake.enqueue(json(status, openAIError('Incorrect API key provided', 'invalid_request_error')));
    const { model, sleeps } = harness(fake.baseUrl);
    const { error, chunks } = await run(model);

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'auth', fatal: true, status });
    expect(e.message).toContain(fake.baseUrl);
    expect(e.message).toContain('OPENAI_API_KEY');
    expect(e.message).toContain('Incorrect API key provided');
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(chunks).toEqual([]);
  });

  it("puts the server's words after its own, so a URL they end in is not glued to a parenthesis", async () => {
    const words =
      'Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.';
    fake.enqueue(json(401, openAIError(words, 'invalid_request_error')));
    const { error } = await run(harness(fake.baseUrl).model);
    const message = asModelError(error).message;
    expect(message).toMatch(
      /rejected the API key \(HTTP 401\) — set OPENAI_API_KEY to a valid key for this endpoint; the server said: Incorrect API key provided/,
    );
    expect(message).toMatch(/api-keys\.$/);
    // Every parenthesis opened is closed, and none follows the URL.
    expect(message.split('(').length).toBe(message.split(')').length);
  });

  it("names the endpoint's own key variable when it has one", async () => {
    fake.enqueue(json(401, openAIError('bad key')));
    const { error } = await run(harness(fake.baseUrl, { apiKeyEnv: 'OPENROUTER_API_KEY' }).model);
    expect(asModelError(error).message).toContain('set OPENROUTER_API_KEY');
  });

  it('HTTP 404: the model is named, fatal, asked once', async () => {
    fake.enqueue(
      json(
        404,
        openAIError(
          'The model `no-such-model` does not exist',
          'invalid_request_error',
          'model_not_found',
        ),
      ),
    );
    const { model, sleeps } = harness(fake.baseUrl, { name: 'local' });
    const { error } = await run(model, request({ model: 'no-such-model' }));

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'not-found', fatal: true, status: 404 });
    expect(e.message).toContain("model 'no-such-model' was not found at local (");
    expect(e.message).toContain(fake.baseUrl);
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("other 4xx: bad request, fatal, with the server's own message", async () => {
    fake.enqueue(
      json(400, openAIError('max_tokens is too large: 999999. This model supports at most 4096')),
    );
    const { error } = await run(harness(fake.baseUrl).model);

    const e = asModelError(error);
    expect(e).toMatchObject({ kind: 'bad-request', fatal: true, status: 400 });
    expect(e.message).toContain('max_tokens is too large: 999999');
    expect(fake.requests).toHaveLength(1);
  });

  it('429 for a used-up quota is fatal, not waited out', async () => {
    fake.enqueue(
      json(
        429,
        openAIError('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'),
      ),
    );
    const { model, sleeps } = harness(fake.baseUrl);
    const { error } = await run(model);

    expect(asModelError(error)).toMatchObject({ kind: 'rate-limit', fatal: true });
    expect(sleeps).toEqual([]);
  });
});
