import { afterEach, beforeEach } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai.js';

/**
 * A fresh fake server for each test of the calling file, closed after it. The object returned
 * stands for the current test's server, so a file declares it once at its top.
 */
export function fakeOpenAIPerTest(): FakeOpenAI {
  let current: FakeOpenAI | undefined;
  beforeEach(async () => {
    current = await startFakeOpenAI();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const now = (): FakeOpenAI => {
    if (current === undefined) throw new Error('the fake OpenAI server runs only inside a test');
    return current;
  };
  return {
    get baseUrl() {
      return now().baseUrl;
    },
    get requests() {
      return now().requests;
    },
    connections: () => now().connections(),
    enqueue: (...replies) => now().enqueue(...replies),
    close: () => now().close(),
  };
}
