// Requests exactly as roundtable's engine builds them (the real engine over its test table with
// scripted replies), so the model's reader is tested against the layout it must read.
import { runDiscussion } from '../../src/engine/discussion.js';
import type { DiscussionEvent } from '../../src/engine/events.js';
import type { ModelRequest } from '../../src/engine/model.js';
import type { EngineSettings, Table } from '../../src/engine/table.js';
import { FakeModel, type Script } from '../../src/engine/test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../../src/engine/test-utils/fixture.js';
import type { MessageInput } from '../model/read-request.js';

export { fixtureTable };

const said: Readonly<Record<string, string>> = {
  Ann: 'I want the cost per metre of each option before we choose. The bridges alone need work.',
  Bob: 'Trams cost the most up front and pay back over thirty years. Parks fail without upkeep.',
  Cy: 'A park, obviously, because people need air and not more asphalt. Ann, can the bridges carry a footpath?',
  Dee: 'All three at once: a tram in a park with housing above the stops, paid for by the land value.',
};

const defaultScript: Script = (request) => said[request.speaker] ?? 'Agreed.';

export interface EngineRun {
  readonly requests: readonly ModelRequest[];
  readonly events: readonly DiscussionEvent[];
}

export async function engineRequests(
  settings: Partial<EngineSettings> = {},
  script: Script = defaultScript,
  table: Table = fixtureTable,
): Promise<EngineRun> {
  const fake = new FakeModel(script);
  const events: DiscussionEvent[] = [];
  for await (const event of runDiscussion({
    table,
    settings: fixtureSettings(settings),
    model: fake.model,
  })) {
    events.push(event);
  }
  return { requests: fake.requests, events };
}

/** A request's messages as the model reads them. */
export function inputOf(request: ModelRequest): MessageInput[] {
  return request.messages.map((message) => ({ role: message.role, text: message.content }));
}
