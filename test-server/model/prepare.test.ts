import { describe, expect, it } from 'vitest';
import { MarkovEndpoint } from '../requests.js';
import { ConversationChain } from './chain/conversation-chain.js';
import { type Prepared, topicsOf } from './prepare.js';
import { readChat, type Unit } from './read-request.js';

/** A request in roundtable's layout ending with the moderator's ask. */
const messages = [
  {
    role: 'system',
    content:
      'You are Ann Lee, a structural engineer. You want numbers before opinions.\n\nContext:\nA mid-sized city must decide what to do with a disused freight railway crossing it.\n\nAt the table:\nYou are Ann (Ann Lee).\nAlso at the table:\n- Bob (Robert Brown)\nA moderator guides the discussion. To hand the floor to someone, address them by name.',
  },
  {
    role: 'user',
    content:
      'Moderator: Welcome to the table, everyone. Our first topic: Should the railway become a park?\n\nBob: The tram line is the only option that pays for the bridges.\n\nModerator: Ann, the floor is yours (turn 2 of 9). Weigh the cost of each option with care.',
  },
];

describe('prepare', () => {
  it("keeps a reply from reciting a run of the ask's words, and only a whole run of them", () => {
    const endpoint = MarkovEndpoint.from({ logLevel: 'silent', seed: 7 });
    const read = readChat(
      messages.map((message) => ({
        role: message.role,
        text: message.content,
        reading: endpoint.model.messages.read(message.content),
      })),
    );
    expect(read.ask).toMatch(/^Ann, the floor is yours/);
    const { guard } = endpoint.model.prepare(read);
    expect(guard.forbidden('weigh the cost of each option')).toBe(true);
    expect(guard.forbidden('the cost of each option with')).toBe(true);
    expect(guard.forbidden('ann the floor is yours turn')).toBe(true);
    // Its words in another order, or cut inside a word at either end, are not a run of it.
    expect(guard.forbidden('the cost of each option weigh')).toBe(false);
    expect(guard.forbidden('eigh the cost of each option')).toBe(false);
    expect(guard.forbidden('cost of each option with car')).toBe(false);
    expect(guard.forbidden('of each option with care ann')).toBe(false);
  });
});

describe('topicsOf', () => {
  const moderator = (text: string): Unit => ({
    speaker: undefined,
    moderator: true,
    own: false,
    text,
  });
  const seat = (text: string): Unit => ({ speaker: 'Ann', moderator: false, own: false, text });

  it('lists each topic once, as first announced, and only those announced before the view ends', () => {
    const chain = new ConversationChain(1000);
    const units = [
      moderator('Our first topic: the railway park'),
      seat('The park would need lights.'),
      moderator('New topic: the tram line'),
      seat('The tram pays for the bridges.'),
      moderator('Back to it. Topic: the railway park'),
      seat('Lights first, then benches.'),
      moderator('Next topic: the budget'),
      seat('We have little money.'),
    ];
    for (const unit of units) chain.append(unit);
    const topicsAt = (length: number, asked?: string) =>
      topicsOf({
        view: chain.view(length),
        guidance: asked === undefined ? undefined : { topic: asked },
      } as unknown as Prepared);
    expect(topicsAt(0)).toEqual([]);
    expect(topicsAt(2)).toEqual(['the railway park']);
    expect(topicsAt(4)).toEqual(['the railway park', 'the tram line']);
    // The repeat adds nothing, and the topic stays where it was first announced.
    expect(topicsAt(6)).toEqual(['the railway park', 'the tram line']);
    expect(topicsAt(8)).toEqual(['the railway park', 'the tram line', 'the budget']);
    // The ask's topic last, unless announced already.
    expect(topicsAt(4, 'the budget')).toEqual(['the railway park', 'the tram line', 'the budget']);
    expect(topicsAt(8, 'the tram line')).toEqual([
      'the railway park',
      'the tram line',
      'the budget',
    ]);
    // A repeat is the string first announced (requests compare them as they are).
    expect(chain.topics.map((t) => t.unit)).toEqual([0, 2, 4, 6]);
    expect(chain.topics[2]?.text).toBe(chain.topics[0]?.text);
  });
});
