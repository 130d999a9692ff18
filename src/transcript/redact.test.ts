import { describe, expect, it } from 'vitest';
import { createScrubber, REDACTED, sanitize, stripUrlCredentials } from './redact.js';

describe('stripUrlCredentials', () => {
  it('removes user and password from URLs, wherever they are in the text', () => {
    expect(stripUrlCredentials('https://user:sk-secret@host/v1')).toBe('https://host/v1');
    expect(stripUrlCredentials('connect to http://sk-only@127.0.0.1:8000/v1 failed')).toBe(
      'connect to http://127.0.0.1:8000/v1 failed',
    );
    // An unencoded '@' inside the password: the authority ends at the last one.
    expect(stripUrlCredentials('https://u:p@ss@host/x')).toBe('https://host/x');
  });

  it('redacts key-carrying query parameters and leaves others', () => {
    expect(stripUrlCredentials('https://h/v1?api_key=abc123&model=x&key=zz')).toBe(
      `https://h/v1?api_key=${REDACTED}&model=x&key=${REDACTED}`,
    );
  });

  it('leaves URLs without credentials unchanged', () => {
    expect(stripUrlCredentials('see https://example.com/a@b is fine')).toBe(
      'see https://example.com/a@b is fine',
    );
  });
});

describe('sanitize', () => {
  it('redacts secret-named fields at any depth and strips URLs in strings', () => {
    const input = {
      baseUrl: 'https://user:pw@host/v1',
      maxTokens: 300,
      contextTokens: 4096,
      endpoints: [
        {
          name: 'a',
          apiKey: 'sk-1',
          apiKeyEnv: 'OPENAI_API_KEY',
          headers: { Authorization: 'Bearer x' },
        },
      ],
      token: 'abc',
    };
    expect(sanitize(input)).toEqual({
      baseUrl: 'https://host/v1',
      maxTokens: 300,
      contextTokens: 4096,
      endpoints: [
        {
          name: 'a',
          apiKey: REDACTED,
          apiKeyEnv: 'OPENAI_API_KEY',
          headers: { Authorization: REDACTED },
        },
      ],
      token: REDACTED,
    });
    expect(input.baseUrl).toBe('https://user:pw@host/v1');
  });
});

describe('createScrubber', () => {
  it('replaces raw and JSON-escaped secrets, ignoring empty or tiny ones', () => {
    const scrub = createScrubber(['sk-"quoted"-key', undefined, '', 'ab']);
    expect(scrub('x sk-"quoted"-key y')).toBe(`x ${REDACTED} y`);
    expect(scrub(JSON.stringify({ k: 'sk-"quoted"-key' }))).toBe(`{"k":"${REDACTED}"}`);
    expect(scrub('about ab')).toBe('about ab');
  });
});
