// Generates docs/request-example.md from a real run of the engine (see request-example.test.ts).
import { DiscussionControls } from '../controls.js';
import { runDiscussion } from '../discussion.js';
import type { DiscussionEvent } from '../events.js';
import type { ChatMessage, ModelRequest } from '../model.js';
import { FakeModel, ofType, type Script } from './fake-model.js';
import { fixtureSettings, fixtureTable } from './fixture.js';

const TURN = 5;
// A seed whose draws put an invite-opinions directive on turn 5. Every scripted reply names the
// next speaker, so the schedule never moves the topic (a named seat answers first, and a change
// waits for it): the person at the keyboard does, with the interjection.
const SEED = 8;
const INTERJECTION = 'Keep it concrete, please. @Dee, what would it cost?';

const replies: Readonly<Record<string, readonly string[]>> = {
  Ann: [
    "Ann Lee, structural engineer. Before we choose, I want the cost per metre of each option. The bridges alone need work. Bob, do you have the planning office's numbers?",
    'A levy only works with a valuation first. Cy, would the artists in the warehouses accept a levy too?',
  ],
  Bob: [
    'Robert Brown, city planner. Trams cost the most up front and pay back over thirty years. I have seen parks fail without money for upkeep. Cy, what would a park give us that a tram would not?',
    'The valuation takes a year. Dee, can your bold idea wait that long?',
  ],
  Cy: [
    "I'm Cyrus Vance, a painter. A park, obviously: people need air, not more asphalt. Ann, the bridges can carry a footpath, surely?",
    'Artists would pay in kind: murals, events, open studios. Bob, is that bankable?',
  ],
  Dee: [
    'Deirdre Ng, futurist. All three: a tram in a park with housing above the stops. Let the land value pay. Bob, would the planning office back it?',
    'Roughly: the tram is most of it, the park the least. Cy, your murals could be the stops.',
  ],
};

const script: Script = (request) => {
  const bank = replies[request.speaker] ?? ['Agreed.'];
  const spoken = request.messages.filter((m) => m.role === 'assistant').length;
  return bank[spoken % bank.length] ?? 'Agreed.';
};

async function runToTurn(): Promise<{ request: ModelRequest; events: DiscussionEvent[] }> {
  const fake = new FakeModel(script);
  const controls = new DiscussionControls();
  const events: DiscussionEvent[] = [];
  for await (const event of runDiscussion({
    table: fixtureTable,
    settings: fixtureSettings({ seed: SEED }),
    model: fake.model,
    controls,
  })) {
    events.push(event);
    if (event.type === 'turn-started' && event.turn === TURN - 2) {
      controls.send({ type: 'next-topic' });
      controls.send({ type: 'interject', text: INTERJECTION });
    }
    if (event.type === 'turn-ended' && event.turn === TURN) break;
  }
  const request = fake.requests[TURN - 1];
  if (request === undefined) throw new Error(`the run never reached turn ${TURN}`);
  return { request, events };
}

/** What each paragraph of a message is: the opening, a turn, a topic change, the guidance… */
function describeMessage(message: ChatMessage, events: readonly DiscussionEvent[]): string {
  if (message.role === 'system') {
    return 'the seat’s persona prompt, then `Context:`, `At the table:` (who it is, who the others are, with full names, and how to hand over the floor) and `Instructions:`';
  }
  const turns = ofType(events, 'turn-ended');
  const turnOf = (speaker: string | undefined, text: string) =>
    turns.find((t) => (speaker === undefined || t.speaker === speaker) && t.text === text)?.turn;
  if (message.role === 'assistant')
    return `its own turn ${turnOf(undefined, message.content) ?? '?'}`;
  const parts = message.content.split('\n\n').map((paragraph) => {
    const [, speaker, text] = /^([^:\n]+): ([\s\S]*)$/u.exec(paragraph) ?? [];
    if (speaker === 'Moderator') {
      if (text?.startsWith('Welcome') === true || text?.startsWith('Our first topic') === true) {
        return 'the moderator’s opening (announces the first topic)';
      }
      if (text?.startsWith('New topic') === true) return 'the moderator’s note of a topic change';
      if (text === INTERJECTION) return 'a moderator interjection (a person typed it)';
      return '**the guidance for this turn**: topic, directives, turns left';
    }
    return `${speaker ?? '?'}’s turn ${turnOf(speaker, text ?? '') ?? '?'}`;
  });
  return parts.join(' · ');
}

export async function renderRequestExample(): Promise<string> {
  const { request, events } = await runToTurn();
  const spoken = ofType(events, 'turn-started')
    .filter((e) => e.turn <= TURN)
    .map((e) => `${e.turn}: ${e.speaker} (${e.reason})`)
    .join(', ');
  const parts = request.messages.map(
    (message, index) =>
      `- \`messages[${index}]\`, ${message.role}: ${describeMessage(message, events)}`,
  );
  return `# One request, in full

This is the request the engine built for **${request.speaker}** at turn ${TURN} of a 10-turn
discussion among four participants: the fixture table in \`src/engine/test-utils/fixture.ts\`,
seed ${SEED}, scripted replies, and a topic change and an interjection typed during turn ${TURN - 2}.
Speakers so far (turn: name (why they had the floor)): ${spoken}.

It is generated, not written by hand: \`src/engine/request-example.test.ts\` runs the real engine
and request builder (\`src/engine/request.ts\`) and compares the result with this file, failing
when they differ. After changing the builder, regenerate it with
\`npx vitest run src/engine/request-example.test.ts -u\`.

\`\`\`json
${JSON.stringify(request, null, 2)}
\`\`\`

## The parts

- \`seat\`, \`speaker\`, \`purpose\`: who is asked, and whether for a turn or the summary.
- \`model\`, \`endpoint\`: the seat's own, when its role file names them; absent means the
  table's default.
- \`temperature\`: \`min + creativity × (max − min)\` from the \`temperature\` setting
  (by default min 0 and max 1, so temperature = creativity).
- \`maxTokens\`: the seat's \`max_tokens\`, else the table's \`maxTokens\`.
- \`messages\`: from the speaker's point of view. Its own earlier turns are \`assistant\`
  messages; everything else it heard is \`user\` text, each turn prefixed with the speaker's
  name and the moderator's lines with \`Moderator:\`. Consecutive messages of one role are
  merged with a blank line, so roles strictly alternate and the first one after the system
  message is always \`user\` (models with strict chat templates accept it). The guidance is
  last and is never stored in the history: the next request of this seat repeats this one up to
  the guidance, which keeps prompt caches warm.

What each message of this request holds:

${parts.join('\n')}
`;
}
