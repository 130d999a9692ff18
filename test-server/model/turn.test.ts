import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../src/engine/model.js';
import { compose, testModel } from '../test-utils/compose.js';
import { engineRequests, inputOf } from '../test-utils/engine-requests.js';
import { type Knobs, knobsOf } from './knobs.js';
import { nameTest } from './words.js';

const named = (text: string, name: string) => nameTest([name]).test(text);
const OTHERS = ['Ann', 'Bob', 'Cy', 'Dee'];

/** A real engine run whose seats all speak through the Markov model with these knobs. */
async function runWith(knobsBySeat: Record<string, string>, turns = 24, seed = 5) {
  const model = testModel();
  const replies: { request: ModelRequest; text: string }[] = [];
  await engineRequests({ seed, turns }, (request, call) => {
    const knobs: Partial<Knobs> = knobsOf(knobsBySeat[request.speaker] ?? 'markov');
    const text = compose(inputOf(request), {
      model,
      knobs,
      temperature: request.temperature,
      seed: `${seed}:${call}`,
    }).text;
    replies.push({ request, text });
    return text;
  });
  return replies.filter((reply) => reply.request.purpose === 'turn');
}

/** The last participant a text names (who mention routing would give the floor). */
function lastNamed(text: string): string | undefined {
  let best: { name: string; at: number } | undefined;
  for (const name of OTHERS) {
    const at = text.lastIndexOf(name);
    if (at >= 0 && named(text, name) && (best === undefined || at > best.at)) best = { name, at };
  }
  return best?.name;
}

describe('the knobs, in a real discussion', () => {
  it('mention=1&to=Cy: Ann names Cy last in every turn', async () => {
    const turns = (await runWith({ Ann: 'markov?mention=1&to=Cy' })).filter(
      (reply) => reply.request.speaker === 'Ann',
    );
    expect(turns.length).toBeGreaterThan(3);
    for (const { text } of turns) expect(lastNamed(text), text).toBe('Cy');
  });

  it('mention=0: nobody is named unless the moderator asks for an invitation', async () => {
    const all = 'markov?mention=0';
    const turns = await runWith({ Ann: all, Bob: all, Cy: all, Dee: all }, 30);
    for (const { request, text } of turns) {
      const invited = request.messages.at(-1)?.content.includes('Invite the others') === true;
      const others = OTHERS.filter((name) => name !== request.speaker);
      if (!invited)
        expect(
          others.filter((name) => named(text, name)),
          text,
        ).toEqual([]);
    }
  });

  it('repeat=1: every turn after the first repeats the one before nearly word for word', async () => {
    const turns = (await runWith({ Bob: 'markov?repeat=1' })).filter(
      (reply) => reply.request.speaker === 'Bob',
    );
    expect(turns.length).toBeGreaterThan(2);
    for (let i = 1; i < turns.length; i++) {
      const before = (turns[i - 1]?.text ?? '').replace(/^As I said, /, '');
      const now = turns[i]?.text ?? '';
      expect(now.endsWith(before.slice(1)), now).toBe(true);
    }
  });

  it('pass, leave, end: the turn ends with the control word', async () => {
    const turns = await runWith({
      Ann: 'markov?pass=1',
      Bob: 'markov?leave=1',
      Cy: 'markov?end=1',
    });
    const ending: Record<string, RegExp> = {
      Ann: / \[pass\]$/,
      Bob: / \[leave\]$/,
      Cy: / \[end\]$/,
    };
    for (const { request, text } of turns) {
      const expected = ending[request.speaker];
      if (expected === undefined) expect(text).not.toMatch(/\[(pass|leave|end)\]/);
      else expect(text).toMatch(expected);
    }
  });

  it('sentences=1 keeps a turn to one sentence of its own beside the framing lines', async () => {
    const turns = (await runWith({ Dee: 'markov?sentences=1&mention=0' }, 30)).filter(
      (reply) => reply.request.speaker === 'Dee',
    );
    for (const { request, text } of turns) {
      const guidance = request.messages.at(-1)?.content ?? '';
      const framing =
        (guidance.includes('introduce yourself') ? 1 : 0) +
        (guidance.includes('Invite the others') ? 1 : 0) +
        (guidance.includes('wrap up') ? 1 : 0);
      const count = text.match(/[.!?](?=\s|$)/g)?.length ?? 0;
      expect(count, text).toBeLessThanOrEqual(2 + framing);
    }
  });
});

describe('naming someone unprompted', () => {
  it('happens now and then, more at higher temperature', async () => {
    const { requests } = await engineRequests({ seed: 2, turns: 8 });
    const model = testModel();
    const rate = (temperature: number) => {
      let named = 0;
      for (let i = 0; i < 300; i++) {
        const request = requests[5 + (i % 2)] as ModelRequest;
        const text = compose(inputOf(request), { model, temperature, seed: `m${i}` }).text;
        if (OTHERS.some((name) => name !== request.speaker && nameTest([name]).test(text))) named++;
      }
      return named / 300;
    };
    const cold = rate(0.2);
    const hot = rate(0.9);
    expect(cold).toBeGreaterThan(0.08);
    expect(hot).toBeGreaterThan(cold + 0.1);
    expect(hot).toBeLessThan(0.6);
    // 600 replies: ~4.5 s alone, past the default 20 s on a loaded machine.
  }, 120_000);
});

describe('a bid for the floor', () => {
  const ask = (name: string) =>
    `Moderator: ${name}, how urgently do you want to speak next, 0-9? Answer with one digit.`;

  it('is one digit, fixed by the bid knob', async () => {
    const { requests } = await engineRequests({ seed: 2, turns: 6 });
    const request = requests[4];
    if (request === undefined) throw new Error('no request');
    const messages = [
      ...inputOf(request).slice(0, -1),
      { role: 'user', text: ask(request.speaker) },
    ];
    for (const seed of ['a', 'b', 'c']) {
      expect(compose(messages, { seed, temperature: 0.7 }).text).toMatch(/^[0-9]$/);
      expect(compose(messages, { seed, knobs: { bid: 7 } }).text).toBe('7');
    }
  });

  it('is higher for a seat just asked a question by name', async () => {
    const { requests } = await engineRequests({ seed: 2, turns: 6 });
    const request = requests[4];
    if (request === undefined) throw new Error('no request');
    const history = inputOf(request).slice(0, -1);
    const who = request.speaker;
    const other = OTHERS.find((name) => name !== who) ?? 'Ann';
    const asked = [
      ...history,
      { role: 'user', text: `${other}: ${who}, what would you do?\n\n${ask(who)}` },
    ];
    const ignored = [
      ...history,
      { role: 'user', text: `${other}: The tram is too dear.\n\n${ask(who)}` },
    ];
    const bid = (messages: typeof history) => Number(compose(messages, { temperature: 0 }).text);
    expect(bid(asked)).toBeGreaterThan(bid(ignored));
  });
});
