// A request's bookkeeping runs after its reply is written (after-reply.ts), and in any case before
// the next request is read: a request that comes first finds what it would have found had the
// bookkeeping run at once, and gets the same reply.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../src/engine/model.js';
import { AfterReply } from './after-reply.js';
import { resolveOptions } from './options.js';
import { MarkovEndpoint } from './requests.js';
import { engineRequests } from './test-utils/engine-requests.js';

const options = { seed: 5, tokensPerSecond: 0, logLevel: 'silent' } as const;

function bodyOf(request: ModelRequest): object {
  return {
    model: 'markov',
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    temperature: 0.7,
  };
}

function replyOf(endpoint: MarkovEndpoint, body: unknown): string {
  const { generation } = endpoint.chat(structuredClone(body));
  let text = '';
  for (const writer of generation.writers) while (!writer.done) text += writer.take(4096);
  return text;
}

let bodies: object[] = [];

beforeAll(async () => {
  const { requests } = await engineRequests({ seed: 4, turns: 12 }, (request) => {
    const turn = request.messages.length;
    return `${request.speaker} at ${turn}: the bridges need ${turn * 3} metres of new deck. What would you pay for it?`;
  });
  bodies = requests.map(bodyOf);
}, 60_000);

describe('bookkeeping after the reply', () => {
  it('runs before the next request is read, when that one comes first', () => {
    const errors: unknown[] = [];
    const later = new AfterReply((error) => errors.push(error));
    const deferred = new MarkovEndpoint(resolveOptions(options), later);
    // One request after the other, with no turn of the event loop between: only the flush at
    // the start of each runs the last one's bookkeeping.
    const replies = bodies.map((body) => replyOf(deferred, body));
    const atOnce = MarkovEndpoint.from(options);
    expect(replies).toEqual(bodies.map((body) => replyOf(atOnce, body)));
    // The seats' next requests carried on from their last as they do when it runs at once.
    expect(deferred.model.requests.stats).toEqual(atOnce.model.requests.stats);
    expect(deferred.model.requests.stats.carried).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('runs after the reply on its own, in order, and reports a task that throws', async () => {
    const errors: unknown[] = [];
    const later = new AfterReply((error) => errors.push(error));
    const ran: number[] = [];
    later.defer(() => ran.push(1));
    later.defer(() => {
      throw new Error('bookkeeping failed');
    });
    later.defer(() => {
      ran.push(2);
      later.defer(() => ran.push(3));
    });
    expect(ran).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual([1, 2, 3]);
    expect(errors).toEqual([new Error('bookkeeping failed')]);
    later.flush();
    expect(ran).toEqual([1, 2, 3]);
  });

  it("is the model's too: the server's runs before the next request, in-process at once", () => {
    const later = new AfterReply((error) => {
      throw error;
    });
    const served = new MarkovEndpoint(resolveOptions(options), later);
    const ran: string[] = [];
    served.model.defer(() => ran.push('deferred'));
    expect(ran).toEqual([]);
    replyOf(served, bodies[0]);
    expect(ran).toEqual(['deferred']);
    MarkovEndpoint.from(options).model.defer(() => ran.push('at once'));
    expect(ran).toEqual(['deferred', 'at once']);
  });
});
