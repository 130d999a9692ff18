import { describe, expect, it } from 'vitest';
import { displayUrl, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  const key = 'abc/def+ghi=jkl';

  it('removes the key, also URL-encoded', () => {
    const text = `key ${key} and ${encodeURIComponent(key)} twice ${key}`;
    const out = redactSecrets(text, key);
    expect(out).not.toContain(key);
    expect(out).not.toContain(encodeURIComponent(key));
    expect(out).toBe('key [redacted] and [redacted] twice [redacted]');
  });

  it('hides any Bearer value and OpenAI-style keys, even masked ones', () => {
    const out = redactSecrets(
      'Authorization: Bearer other-token; Incorrect API key provided: sk-proj-****abcd.',
      'unrelated-key',
    );
    expect(out).toBe('Authorization: Bearer [redacted]; Incorrect API key provided: [redacted]');
  });

  it('leaves text alone for placeholder keys too short to be secrets', () => {
    expect(redactSecrets('none of the servers', 'none')).toBe('[redacted] of the servers');
    expect(redactSecrets('no key at all', 'no')).toBe('no key at all');
  });
});

describe('displayUrl', () => {
  it('drops user info, query and trailing slashes', () => {
    expect(displayUrl('https://me:secret@api.example.com:8443/v1/?api-key=secret')).toBe(
      'https://api.example.com:8443/v1',
    );
  });

  it('says so for something that is not a URL', () => {
    expect(displayUrl('not a url')).toBe('(invalid base URL)');
  });
});
