// A discussion steered by a test: moderator commands sent as chosen events stream past.
import type { Command } from '../commands.js';
import { DiscussionControls } from '../controls.js';
import { runDiscussion } from '../discussion.js';
import type { DiscussionEvent } from '../events.js';
import type { EngineSettings } from '../table.js';
import { FakeModel, type Script } from './fake-model.js';
import { fixtureSettings, fixtureTable } from './fixture.js';

/** Runs a discussion, calling `react` on each event so a test can send commands mid-stream. */
export async function steer(
  script: Script,
  react: (event: DiscussionEvent, controls: DiscussionControls) => void,
  settings: Partial<EngineSettings> = {},
): Promise<{ events: DiscussionEvent[]; fake: FakeModel }> {
  const fake = new FakeModel(script);
  const controls = new DiscussionControls();
  const events: DiscussionEvent[] = [];
  for await (const event of runDiscussion({
    table: fixtureTable,
    settings: fixtureSettings({ summary: false, ...settings }),
    model: fake.model,
    controls,
  })) {
    events.push(event);
    react(event, controls);
  }
  return { events, fake };
}

/** Reacts to the first event that passes `test` by sending `command`. */
export const once = (test: (event: DiscussionEvent) => boolean, command: Command) => {
  let sent = false;
  return (event: DiscussionEvent, controls: DiscussionControls) => {
    if (!sent && test(event)) {
      sent = true;
      controls.send(command);
    }
  };
};

export const speaksScript: Script = (r) =>
  r.purpose === 'summary' ? 'Summary.' : `${r.speaker} speaks.`;
export const typesOf = (events: readonly DiscussionEvent[]) => events.map((e) => e.type);
