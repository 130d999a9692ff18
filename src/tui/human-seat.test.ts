import { describe, expect, it } from 'vitest';
import type { ModelChunk, ModelRequest } from '../engine/model.js';
import { ModelError } from '../engine/model.js';
import { createHumanSeat, type HumanSeat } from './human-seat.js';

const request: ModelRequest = {
  seat: 2,
  speaker: 'Bob',
  purpose: 'turn',
  messages: [{ role: 'user', content: 'Your turn' }],
  temperature: 0.5,
  maxTokens: 100,
};

async function collect(
  seat: HumanSeat,
  signal = new AbortController().signal,
): Promise<{ chunks: ModelChunk[]; answer: (text: string) => void; done: Promise<void> }> {
  const chunks: ModelChunk[] = [];
  const done = (async () => {
    for await (const chunk of seat.model(request, signal)) chunks.push(chunk);
  })();
  // The prompt opens once the generator has started.
  await new Promise((resolve) => setImmediate(resolve));
  return { chunks, answer: (text) => seat.answer(text), done };
}

describe('createHumanSeat', () => {
  it('opens a prompt for the speaker and yields the typed line with an estimated usage', async () => {
    const seat = createHumanSeat();
    let changes = 0;
    seat.subscribe(() => {
      changes += 1;
    });
    const { chunks, answer, done } = await collect(seat);
    expect(seat.current()).toMatchObject({ seat: 2, speaker: 'Bob', purpose: 'turn' });
    answer('  I disagree, strongly.  ');
    await done;
    expect(chunks[0]).toEqual({ type: 'text', text: 'I disagree, strongly.' });
    expect(chunks[1]).toEqual({
      type: 'usage',
      usage: { promptTokens: 0, completionTokens: 6, estimated: true },
    });
    expect(chunks).toHaveLength(2);
    expect(seat.current()).toBeUndefined();
    expect(changes).toBe(2);
  });

  it('yields nothing for an empty line, so the engine records a pass', async () => {
    const seat = createHumanSeat();
    const { chunks, answer, done } = await collect(seat);
    answer('   ');
    await done;
    expect(chunks).toEqual([]);
  });

  it('closes the prompt and returns when the signal aborts', async () => {
    const seat = createHumanSeat();
    const controller = new AbortController();
    const { chunks, done } = await collect(seat, controller.signal);
    expect(seat.current()).toBeDefined();
    controller.abort();
    await done;
    expect(chunks).toEqual([]);
    expect(seat.current()).toBeUndefined();
    seat.answer('too late');
    expect(seat.current()).toBeUndefined();
  });

  it('fails at once, fatally, when there is no terminal to type in', async () => {
    const seat = createHumanSeat({ canPrompt: () => false });
    const iterator = seat.model(request, new AbortController().signal)[Symbol.asyncIterator]();
    const failure = await iterator.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ModelError);
    expect((failure as ModelError).fatal).toBe(true);
    expect((failure as ModelError).message).toContain('Bob is a human seat');
    expect(seat.current()).toBeUndefined();
  });
});
