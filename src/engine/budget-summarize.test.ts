// A context budget with strategy summarize: what a seat no longer hears is summarized for it in
// a quiet request of its own, and dropped all the same when that request fails.
import * as gpt4o from 'gpt-tokenizer/model/gpt-4o';
import { describe, expect, it } from 'vitest';
import { CONTEXT_SUMMARY_TEMPERATURE, summaryTokensFor } from './budget-summary.js';
import type { EventOf } from './events.js';
import { ModelError, type ModelRequest } from './model.js';
import { budget, flat, runBudgeted as run, talk } from './test-utils/budgeted-run.js';
import { ofType, type Script } from './test-utils/fake-model.js';
import { addUsage } from './usage.js';

describe('a discussion with a context budget, summarized', () => {
  it('summarizes what a seat no longer hears, in a quiet request of its own', async () => {
    const script: Script = (request, call) =>
      request.purpose === 'context-summary'
        ? {
            chunks: [`NOTES-${call}`],
            usage: { promptTokens: 300, completionTokens: 7, estimated: false },
          }
        : talk(request, call);
    const { events, fake } = await run(script, budget(900, { strategy: 'summarize' }));
    const summaries = fake.requests.filter((r) => r.purpose === 'context-summary');
    const trims = ofType(events, 'context-trimmed');
    expect(summaries.length).toBeGreaterThan(4);
    expect(trims.length).toBe(summaries.length);

    for (const [i, trim] of trims.entries()) {
      const request = summaries[i] as ModelRequest;
      const call = fake.requests.indexOf(request);
      expect(request).toMatchObject({
        seat: trim.seat,
        speaker: trim.speaker,
        temperature: CONTEXT_SUMMARY_TEMPERATURE,
        maxTokens: summaryTokensFor(900),
      });
      expect(gpt4o.countTokens(request.messages) + request.maxTokens).toBeLessThanOrEqual(900);
      expect(trim).toMatchObject({
        summarized: true,
        summary: `NOTES-${call}`,
        summaryUsage: { promptTokens: 300, completionTokens: 7, estimated: false },
      });
      // Incremental: the seat's previous notes go into the next summary request.
      const before = trims
        .slice(0, i)
        .filter((t) => t.seat === trim.seat)
        .at(-1);
      const asked = request.messages[1]?.content ?? '';
      if (before === undefined) expect(asked.startsWith('Turns to add:')).toBe(true);
      else expect(asked.startsWith(`Notes so far:\n${before.summary}\n\nTurns to add:`)).toBe(true);
      // The turn request that follows carries the summary right after the system message.
      const next = fake.request(call + 1);
      expect(next.seat).toBe(trim.seat);
      expect(
        next.messages[1]?.content.startsWith(
          `Moderator: Summary of the earlier discussion: NOTES-${call}`,
        ),
      ).toBe(true);
      expect(gpt4o.countTokens(next.messages) + next.maxTokens).toBeLessThanOrEqual(900);
      // Nobody else ever hears a seat's notes.
      for (const other of fake.requests.filter((r) => r.seat !== trim.seat)) {
        expect(flat(other.messages)).not.toContain(`NOTES-${call}`);
      }
    }
    // A seat's first summary request holds the turns it just lost, oldest first.
    const first = trims[0] as EventOf<'context-trimmed'>;
    expect(summaries[0]?.messages[1]?.content).toContain('Moderator: Welcome to the table');

    const ended = ofType(events, 'discussion-ended')[0];
    let total = { promptTokens: 0, completionTokens: 0, estimated: false };
    for (const e of ofType(events, 'turn-ended')) total = addUsage(total, e.usage);
    for (const e of ofType(events, 'summary')) total = addUsage(total, e.usage);
    for (const t of trims) if (t.summaryUsage) total = addUsage(total, t.summaryUsage);
    expect(ended?.usage).toEqual(total);
    expect(first.keptFrom).toBeGreaterThan(0);
  });

  it('drops the turns all the same when the summary request fails, and says why', async () => {
    const script: Script = (request, call) =>
      request.purpose === 'context-summary'
        ? { error: new ModelError('server', 'HTTP 500 from the endpoint', false) }
        : talk(request, call);
    const { events, fake } = await run(script, budget(900, { strategy: 'summarize' }), {
      turns: 30,
    });
    const trims = ofType(events, 'context-trimmed');
    expect(trims.length).toBeGreaterThan(0);
    for (const trim of trims) {
      expect(trim).toMatchObject({
        summarized: false,
        summaryError: 'server: HTTP 500 from the endpoint',
      });
      expect(trim.summary).toBeUndefined();
    }
    expect(ofType(events, 'error')).toEqual([]);
    expect(ofType(events, 'turn-ended').every((e) => e.status === 'complete')).toBe(true);
    for (const request of fake.requests.filter((r) => r.purpose !== 'context-summary')) {
      expect(gpt4o.countTokens(request.messages) + request.maxTokens).toBeLessThanOrEqual(900);
      expect(flat(request.messages)).not.toContain('Summary of the earlier discussion');
    }
  });
});
