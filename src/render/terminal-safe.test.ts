import { describe, expect, it } from 'vitest';
import {
  hasTerminalControls,
  mapStrings,
  terminalSafe,
  terminalSafeJson,
  terminalSafeValue,
} from './terminal-safe.js';
import { ATTACKS, firstControl, HOSTILE_TEXT, VISIBLE_FORMS } from './test-utils/hostile.js';

describe('terminalSafe', () => {
  it.each(Object.entries(ATTACKS))('leaves nothing of "%s" for the terminal to obey', (_, text) => {
    expect(hasTerminalControls(text)).toBe(true);
    const safe = terminalSafe(text);
    expect(firstControl(safe)).toBeUndefined();
    expect(hasTerminalControls(safe)).toBe(false);
  });

  it('shows what was sent instead of dropping it', () => {
    const safe = terminalSafe(HOSTILE_TEXT);
    for (const form of VISIBLE_FORMS) expect(safe).toContain(form);
    expect(terminalSafe('a\u0000b\u007fc')).toBe('a␀b␡c');
    expect(terminalSafe('visible\rHIDDEN')).toBe('visible␍HIDDEN');
  });

  it('keeps newlines and tabs, drops the CR of a CRLF, and leaves ordinary text alone', () => {
    const plain = 'Zoë said: «¿Qué?»\n\tשלום 東京 👋';
    expect(terminalSafe(plain)).toBe(plain);
    expect(terminalSafe('one\r\ntwo')).toBe('one\ntwo');
  });

  it('is idempotent', () => {
    const once = terminalSafe(HOSTILE_TEXT);
    expect(terminalSafe(once)).toBe(once);
  });
});

describe('terminalSafeValue', () => {
  it('makes every string of an event safe, at any depth', () => {
    const event = {
      type: 'discussion-started',
      participants: [{ name: 'Ada', fullName: 'Ada\u001b[2J' }],
      task: { questions: ['Why\u0007?'] },
      seed: 1,
    };
    const safe = terminalSafeValue(event);
    expect(safe.participants[0]?.fullName).toBe('Ada␛[2J');
    expect(safe.task.questions[0]).toBe('Why␇?');
    expect(safe.seed).toBe(1);
    expect(firstControl(JSON.stringify(safe))).toBeUndefined();
  });

  it('returns the same object when nothing needed changing', () => {
    const event = { type: 'text-delta', turn: 1, text: 'fine', nested: { list: ['ok'] } };
    expect(terminalSafeValue(event)).toBe(event);
    expect(mapStrings(event, (s) => s)).toBe(event);
  });
});

describe('terminalSafeJson', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same data', () => {
    const value = { text: HOSTILE_TEXT, sep: 'a\u2028b' };
    const json = terminalSafeJson(value);
    expect(firstControl(json)).toBeUndefined();
    expect(json).not.toContain('\u2028');
    expect(JSON.parse(json)).toEqual(value);
  });
});
