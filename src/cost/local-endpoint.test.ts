import { describe, expect, it } from 'vitest';
import { isLocalEndpoint } from './local-endpoint.js';

describe('isLocalEndpoint', () => {
  it.each([
    undefined,
    'http://localhost:11434/v1',
    'http://127.0.0.1:8000/v1',
    'http://127.8.9.10/v1',
    'http://[::1]:8080/v1',
    'http://10.0.0.5:8000/v1',
    'http://172.20.1.1/v1',
    'http://192.168.1.20:1234/v1',
    'http://gpu-box.local:8000/v1',
    'http://vllm.internal/v1',
    'http://[fd12:3456::1]/v1',
    'http://[::ffff:192.168.0.1]/v1',
  ])('%s is local', (url) => {
    expect(isLocalEndpoint(url)).toBe(true);
  });

  it.each([
    'https://api.openai.com/v1',
    'https://openrouter.ai/api/v1',
    'http://172.32.0.1/v1',
    'http://8.8.8.8/v1',
    'http://[2001:db8::1]/v1',
    'not a url',
  ])('%s is not', (url) => {
    expect(isLocalEndpoint(url)).toBe(false);
  });
});
