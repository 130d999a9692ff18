// Control words ([pass], [leave], [end]): taken off the end of a reply, held back while they may
// still be one, and what each does to the discussion.
import { describe, expect, it } from 'vitest';
import { ControlWordStream, takeControlWord } from './control-words.js';
import type { EngineSettings, Table } from './table.js';
import { ofType, type Script } from './test-utils/fake-model.js';
import { numberedTable } from './test-utils/fixture.js';
import { runScripted, turnsOf } from './test-utils/scripted-run.js';

const run = (settings: Partial<EngineSettings>, script: Script, table: Table) =>
  runScripted({ settings, script, table });

describe('control words', () => {
  it('come off the end of a reply, and only at the end', () => {
    expect(takeControlWord('I have said my piece. [pass]')).toEqual({
      text: 'I have said my piece.',
      control: 'pass',
    });
    expect(takeControlWord('Goodbye, all. [LEAVE].')).toEqual({
      text: 'Goodbye, all.',
      control: 'leave',
    });
    expect(takeControlWord('We are done (end)')).toEqual({ text: 'We are done', control: 'end' });
    expect(takeControlWord('I [pass] on that one, but listen.')).toEqual({
      text: 'I [pass] on that one, but listen.',
    });
  });

  it('are held back while streaming until they cannot be one', () => {
    const stream = new ControlWordStream();
    expect(stream.push('Fine by me. [pa')).toBe('Fine by me.');
    expect(stream.push('ss]')).toBe('');
    expect(stream.end()).toBe('');
    const other = new ControlWordStream();
    expect(other.push('See [')).toBe('See');
    expect(other.push('figure 3] above.')).toBe(' [figure 3] above.');
    expect(other.end()).toBe('');
  });

  const words: Script = (r, call) => {
    if (r.speaker === 'P2' && call < 6) return 'Thank you all, I must go. [leave]';
    if (r.speaker === 'P3') return 'P1, over to you. [pass]';
    return `${r.speaker} adds a thought, turn ${call}.`;
  };

  it('[pass] yields the floor (its mention is not followed), [leave] leaves for good', async () => {
    const { events, fake } = await run(
      { speakerPolicy: 'fair', turns: 16, summary: false },
      words,
      numberedTable(4),
    );
    const ended = ofType(events, 'turn-ended');
    const left = ended.find((e) => e.control === 'leave');
    expect(left?.text).toBe('Thank you all, I must go.');
    const after = turnsOf(events).filter((e) => e.turn > (left?.turn ?? 0));
    expect(after.some((e) => e.speaker === 'P2')).toBe(false);
    const passed = ended.filter((e) => e.control === 'pass');
    expect(passed.length).toBeGreaterThan(0);
    for (const pass of passed) {
      const next = turnsOf(events).find((e) => e.turn === pass.turn + 1);
      expect(next?.reason).not.toBe('mention');
    }
    expect(ofType(events, 'text-delta').some((e) => e.text.includes('['))).toBe(false);
    expect(fake.requests[0]?.messages[0]?.content).toContain('[pass] to yield the floor');
  });

  it('[end] from most of the table ends the discussion phase; the summary still comes', async () => {
    const { events } = await run(
      { speakerPolicy: 'round-robin', turns: 20 },
      (r) => (r.purpose === 'summary' ? 'In sum.' : `${r.speaker} thinks we are done. [end]`),
      numberedTable(4),
    );
    expect(turnsOf(events)).toHaveLength(3);
    expect(ofType(events, 'phase-ended')[0]).toMatchObject({
      kind: 'discussion',
      reason: 'majority',
    });
    expect(ofType(events, 'summary')).toHaveLength(1);
  });

  it('are not offered with the original policy, or with controlWords off', async () => {
    const { fake } = await run(
      { turns: 1, summary: false },
      (r) => `${r.speaker} [pass]`,
      numberedTable(2),
    );
    expect(fake.requests[0]?.messages[0]?.content).not.toContain('[pass]');
    const off = await run(
      { speakerPolicy: 'fair', controlWords: false, turns: 1, summary: false },
      (r) => `${r.speaker} [pass]`,
      numberedTable(2),
    );
    expect(off.fake.requests[0]?.messages[0]?.content).not.toContain('[pass]');
    expect(ofType(off.events, 'turn-ended')[0]?.text).toMatch(/\[pass\]$/u);
  });
});
