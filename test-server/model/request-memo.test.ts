// A chat request carried on from the seat's previous one (RequestMemo) must be answered as a
// server that never saw the conversation answers it: the extension path when the request
// repeats the previous one's messages, the fallback when it differs inside them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../src/engine/model.js';
import { JsonBodyMemo } from '../json-body-memo.js';
import { MarkovEndpoint } from '../requests.js';
import { engineRequests } from '../test-utils/engine-requests.js';

const options = { seed: 5, tokensPerSecond: 0, logLevel: 'silent' } as const;

interface Message {
  role: string;
  content: string;
}
interface Body {
  model: string;
  messages: Message[];
  temperature: number;
}

function bodyOf(request: ModelRequest): Body {
  return {
    model: 'markov',
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    temperature: 0.7,
  };
}

function replyOf(endpoint: MarkovEndpoint, body: unknown): string {
  const { generation } = endpoint.chat(body);
  let text = '';
  for (const writer of generation.writers) while (!writer.done) text += writer.take(4096);
  return text;
}

/** What a server that saw nothing answers. */
const coldReply = (body: Body) => replyOf(MarkovEndpoint.from(options), structuredClone(body));

let bodies: Body[] = [];
/** The seats that spoke: each one's first request is read whole. */
let seats = 0;

beforeAll(async () => {
  // Each seat says something new every turn, so that no two turns are alike.
  const { requests } = await engineRequests({ seed: 4, turns: 16 }, (request) => {
    const turn = request.messages.length;
    return `${request.speaker} again, at ${turn}: the bridges need ${turn * 3} metres of new deck. ${request.speaker === 'Ann' ? 'Bob' : 'Ann'}, what would you pay for it?`;
  });
  bodies = requests.map(bodyOf);
  seats = new Set(bodies.map((body) => body.messages[0]?.content)).size;
}, 60_000);

describe('a chat request carried on from its seat’s previous one', () => {
  it('takes the previous request’s messages as read, and answers as a cold server (over bytes)', () => {
    const warm = MarkovEndpoint.from(options);
    const memo = new JsonBodyMemo(1 << 20);
    const replies = bodies.map((body) =>
      replyOf(warm, memo.parse(Buffer.from(JSON.stringify(body)))),
    );
    const { stats } = warm.model.requests;
    // Each seat's first request is read whole; every later one carries on from the seat's last.
    expect(seats).toBeGreaterThan(1);
    expect(stats.whole).toBe(seats);
    expect(stats.carried).toBe(bodies.length - seats);
    // Roundtable repeats a seat's last request but for its last message (the guidance).
    expect(stats.keptMessages).toBeGreaterThan(2 * stats.carried);
    expect(replies).toEqual(bodies.map(coldReply));
  });

  it('carries on from plain objects alike (the offline adapter’s), compared by their texts', () => {
    const warm = MarkovEndpoint.from(options);
    const replies = bodies.map((body) => replyOf(warm, structuredClone(body)));
    expect(warm.model.requests.stats.carried).toBe(bodies.length - seats);
    expect(replies).toEqual(bodies.map(coldReply));
  });

  it('reads a request that changes an old message anew from there: the cold reply', () => {
    const warm = MarkovEndpoint.from(options);
    for (const body of bodies) replyOf(warm, structuredClone(body));
    const last = bodies.at(-1) as Body;
    const changed = structuredClone(last);
    const at = 2;
    const message = changed.messages[at] as Message;
    message.content = message.content.replace('metres', 'yards');
    expect(message.content).not.toBe(last.messages[at]?.content);
    const kept = warm.model.requests.stats.keptMessages;
    expect(replyOf(warm, structuredClone(changed))).toBe(coldReply(changed));
    // Only the messages before the changed one were taken.
    expect(warm.model.requests.stats.keptMessages - kept).toBe(at);
  });

  it('compares a message object that was not frozen by its text, however often it came', () => {
    const warm = MarkovEndpoint.from(options);
    // The same message objects in every request, as a client that keeps its history would send.
    const shared = structuredClone(bodies.at(-1) as Body);
    const first = { ...shared, messages: shared.messages.slice(0, -2) };
    replyOf(warm, first);
    // Changed in place: the same object, another text.
    const message = shared.messages[3] as Message;
    message.content = `${message.content} And the tram too.`;
    expect(replyOf(warm, shared)).toBe(coldReply(shared));
  });

  it('shares frozen messages by the object but compares one after them that was not frozen', () => {
    const warm = MarkovEndpoint.from(options);
    const shared = structuredClone(bodies.at(-1) as Body);
    // The body memo's frozen messages, then one the client keeps and changes in place.
    const at = shared.messages.length - 4;
    for (const message of shared.messages.slice(0, at)) Object.freeze(message);
    const upTo = (n: number) => ({ ...shared, messages: shared.messages.slice(0, n) });
    replyOf(warm, upTo(at + 1));
    // Carried on from the first: its frozen messages are counted from that one's.
    replyOf(warm, upTo(at + 2));
    const message = shared.messages[at] as Message;
    message.content = `${message.content} And the tram too.`;
    const kept = warm.model.requests.stats.keptMessages;
    expect(replyOf(warm, upTo(at + 3))).toBe(coldReply(upTo(at + 3)));
    // The frozen messages were taken; the one changed in place was read again.
    expect(warm.model.requests.stats.keptMessages - kept).toBe(at);
  });

  it('answers a branch (an earlier turn answered otherwise) as a cold server', () => {
    const warm = MarkovEndpoint.from(options);
    for (const body of bodies) replyOf(warm, structuredClone(body));
    // A seat's earlier request with its last message (the turns since, and the guidance) said
    // otherwise: the chain read so far holds other turns after the seat's last.
    const earlier = structuredClone(bodies[bodies.length - 6] as Body);
    const last = earlier.messages.at(-1) as Message;
    last.content = last.content.replace(/again, at \d+/g, 'instead');
    expect(replyOf(warm, structuredClone(earlier))).toBe(coldReply(earlier));
    expect(warm.model.conversations.size).toBeGreaterThan(1);
  });
});
