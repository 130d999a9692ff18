// Closing positions through the real OpenAI client against a scripted server: the schema on the
// wire, a server that refuses json_schema (the request falls back to JSON mode, the instruction in
// words still says what to answer), an answer repaired once, and a tie between Unicode options.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDiscussion } from '../../src/engine/discussion.js';
import type { Table } from '../../src/engine/table.js';
import { collect, ofType } from '../../src/engine/test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../../src/engine/test-utils/fixture.js';
import {
  type FakeOpenAI,
  openAIError,
  startFakeOpenAI,
  streamOf,
} from '../../src/llm/test-utils/fake-openai.js';
import { harness } from '../../src/llm/test-utils/run-model.js';

const OPTIONS = ['Straßenbahn', 'Park 🌳'];
const [ann, , , dee] = fixtureTable.participants;
const table: Table = {
  participants: [ann, dee].flatMap((p) => (p === undefined ? [] : [p])),
  task: { ...fixtureTable.task, options: [OPTIONS, [], []] },
};

const usage = { prompt: 200, completion: 40 };
const answer = (position: string, ranking: string[]) =>
  streamOf(
    [
      JSON.stringify({
        q1: { position, confidence: 0.7, changedMind: false, because: 'Because.', ranking },
      }),
    ],
    { usage },
  );

interface Body {
  readonly response_format?: {
    type: string;
    json_schema?: {
      schema: { properties: Record<string, { properties: Record<string, unknown> }> };
    };
  };
  readonly messages: { role: string; content: string }[];
}

let server: FakeOpenAI;
beforeEach(async () => {
  server = await startFakeOpenAI();
});
afterEach(async () => {
  await server.close();
});

describe('closing positions against a scripted server', () => {
  it('falls back from json_schema to JSON mode, repairs once, and reports the tie', async () => {
    server.enqueue(
      streamOf(['We should decide tonight.'], { usage }),
      // The first closing request: this server takes no json_schema.
      {
        kind: 'json',
        status: 400,
        body: openAIError(
          "Invalid parameter: 'response_format' of type 'json_schema' is not supported",
        ),
      },
      answer('straßenbahn', ['Straßenbahn', 'Park 🌳']),
      streamOf(['I lean to the park, honestly.'], { usage }),
      answer('Park 🌳', ['Park 🌳', 'Straßenbahn']),
    );
    const { model } = harness(server.baseUrl);
    const events = await collect(
      runDiscussion({
        table,
        settings: fixtureSettings({
          turns: 1,
          summary: false,
          closing: true,
          topicChangeEvery: 1000,
        }),
        model,
        // One request at a time, so the scripted replies meet the seats in order.
        concurrency: () => 1,
      }),
    );
    const bodies = server.requests.map((r) => r.body as Body);
    expect(bodies).toHaveLength(5);

    const [, strict, fallback, second, repair] = bodies;
    expect(strict?.response_format?.type).toBe('json_schema');
    expect(
      strict?.response_format?.json_schema?.schema.properties.q1?.properties.position,
    ).toMatchObject({ enum: OPTIONS });
    expect(fallback?.response_format).toEqual({ type: 'json_object' });
    expect(second?.response_format).toEqual({ type: 'json_object' });
    // Without the schema, the request still says what to answer.
    expect(fallback?.messages.at(-1)?.content).toContain('"q1"');
    expect(fallback?.messages.at(-1)?.content).toContain('"Straßenbahn", "Park 🌳"');
    expect(repair?.messages.at(-1)?.content).toMatch(/^Your answer could not be read:/);
    expect(repair?.messages.at(-2)).toEqual({
      role: 'assistant',
      content: 'I lean to the park, honestly.',
    });

    const positions = ofType(events, 'positions');
    expect(positions.map((p) => [p.speaker, p.status, p.positions[0]?.position])).toEqual([
      ['Ann', 'parsed', 'Straßenbahn'],
      ['Dee', 'repaired', 'Park 🌳'],
    ]);
    const record = ofType(events, 'outcome')[0]?.record;
    const question = record?.questions[0];
    expect(question?.outcome).toBeNull();
    expect([...(question?.vote?.tied ?? [])].sort()).toEqual([...OPTIONS].sort());
    expect(question?.consensus.dissenters).toEqual([]);
    expect(ofType(events, 'discussion-ended')[0]?.reason).toBe('completed');
  });
});
