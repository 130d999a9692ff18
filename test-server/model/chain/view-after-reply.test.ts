// The conversation cache keeps a request's chain by its prefix after the reply (the server's
// `defer`, see after-reply.ts): the next request, read before that ran or after, finds the chain
// as when it was kept at once, and every reply is the same.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../../src/engine/model.js';
import { AfterReply } from '../../after-reply.js';
import { resolveOptions } from '../../options.js';
import { MarkovEndpoint } from '../../requests.js';
import { engineRequests } from '../../test-utils/engine-requests.js';

const options = { seed: 3, tokensPerSecond: 0, logLevel: 'silent' } as const;

function replyOf(endpoint: MarkovEndpoint, request: ModelRequest): string {
  const messages = request.messages.map(({ role, content }) => ({ role, content }));
  const { generation } = endpoint.chat({ model: 'markov', messages, temperature: 0.7 });
  let text = '';
  for (const writer of generation.writers) while (!writer.done) text += writer.take(4096);
  return text;
}

let requests: readonly ModelRequest[] = [];

beforeAll(async () => {
  ({ requests } = await engineRequests({ seed: 6, turns: 12 }, (request) => {
    const turn = request.messages.length;
    return `${request.speaker} at ${turn}: the ferry needs ${turn * 2} new seats. Who pays?`;
  }));
}, 60_000);

describe('the conversation view’s bookkeeping after the reply', () => {
  it('is found by the next request whether it ran between the two or at its start', async () => {
    const atOnce = MarkovEndpoint.from(options);
    const expected = requests.map((request) => replyOf(atOnce, request));
    expect(atOnce.model.conversations.stats.hits).toBe(requests.length - 1);
    for (const turnBetween of [false, true]) {
      const errors: unknown[] = [];
      const later = new AfterReply((error) => errors.push(error));
      const deferred = new MarkovEndpoint(resolveOptions(options), later);
      const replies: string[] = [];
      for (const request of requests) {
        replies.push(replyOf(deferred, request));
        // A turn of the event loop between the two: the bookkeeping runs there, not at the
        // next request's start.
        if (turnBetween) await new Promise((resolve) => setImmediate(resolve));
      }
      expect(replies).toEqual(expected);
      expect(deferred.model.conversations.stats).toEqual(atOnce.model.conversations.stats);
      expect(deferred.model.conversations.size).toBe(atOnce.model.conversations.size);
      expect(errors).toEqual([]);
    }
  });
});
