import { describe, expect, it } from 'vitest';
import { MarkovEndpoint } from '../requests.js';
import { phrasesOf } from './phrases.js';
import type { Prepared } from './prepare.js';
import { readChat } from './read-request.js';
import { turnReadings } from './turn-reading.js';
import { normalWords } from './words.js';

/** A summary request in roundtable's layout; `bob` is Bob's full name at this table. */
function summaryBody(bob: string): { role: string; content: string }[] {
  return [
    {
      role: 'system',
      content: `You are Ann Lee, a structural engineer. You want numbers before opinions.\n\nContext:\nA mid-sized city must decide what to do with a disused freight railway crossing it.\n\nAt the table:\nYou are Ann (Ann Lee).\nAlso at the table:\n- Bob (${bob})\n- Cy (Cyrus Vance)\nA moderator guides the discussion. To hand the floor to someone, address them by name.\n\nInstructions:\nKeep each turn under 80 words.`,
    },
    {
      role: 'user',
      content:
        'Moderator: Welcome to the table, everyone. Introduce yourselves briefly when you first speak. Our first topic: Should the railway become a park, housing, or a tram line?\n\nBob: I am Robert Brown, and the tram line is the only option that pays for the bridges.',
    },
    { role: 'assistant', content: 'I want the cost per metre of each option before we choose.' },
    {
      role: 'user',
      content:
        'Cy: A park, obviously, because people need air. Robert Brown forgets the housing list.\n\nModerator: Summarize the discussion in five bullet points.',
    },
  ];
}

function preparedOf(endpoint: MarkovEndpoint, bob: string): Prepared {
  const read = readChat(
    summaryBody(bob).map((message) => ({
      role: message.role,
      text: message.content,
      reading: endpoint.model.messages.read(message.content),
    })),
  );
  return endpoint.model.prepare(read);
}

const unitsOf = (prepared: Prepared) => prepared.view.chain.units.slice(0, prepared.view.to);

describe("a summary's reading of the turns", () => {
  it('reads each turn as its own table names people', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const first = preparedOf(endpoint, 'Robert Brown');
    const readings = turnReadings(first, unitsOf(first));
    // Robert Brown is Bob's full name here: taken out of what he stood for.
    expect(readings.map((reading) => reading.text).join(' ')).not.toContain('Robert Brown');
    // The same turns at a table where Bob is Bob Stone: "Robert Brown" is what was said.
    const other = preparedOf(endpoint, 'Bob Stone');
    const read = turnReadings(other, unitsOf(other));
    const fresh = unitsOf(other)
      .filter((unit) => !unit.moderator && unit.speaker !== undefined)
      .map((unit) => {
        const text = ['Ann Lee', 'Bob Stone', 'Cyrus Vance'].reduce(
          (said, full) => said.replaceAll(full, '.'),
          unit.text,
        );
        return { text, phrases: phrasesOf(text, other.nouns), words: normalWords(text) };
      });
    expect(read.map(({ text, phrases, words }) => ({ text, phrases, words }))).toEqual(fresh);
    expect(read.map((reading) => reading.text).join(' ')).toContain('Robert Brown');
  });
});
