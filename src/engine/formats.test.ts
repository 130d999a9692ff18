import { describe, expect, it } from 'vitest';
import { numberedTurns } from './formats.js';
import { fixtureSettings } from './test-utils/fixture.js';

describe('numberedTurns: what "turn 4/10" counts to', () => {
  it('is the discussion length when the discussion numbers the run turns from 1', () => {
    expect(numberedTurns(fixtureSettings({ turns: 12 }))).toBe(12);
    // Closing positions and the summary come after, labelled by their phase.
    expect(numberedTurns(fixtureSettings({ turns: 12, closing: true }))).toBe(12);
    const own = fixtureSettings({
      phases: [{ kind: 'discussion', turns: 6 }, { kind: 'closing' }, { kind: 'summary' }],
    });
    expect(numberedTurns(own)).toBe(6);
  });

  it('is undefined when turns number on across other phases', () => {
    for (const format of ['debate', 'council', 'rounds'] as const) {
      expect(numberedTurns(fixtureSettings({ format }))).toBeUndefined();
    }
    const opening = fixtureSettings({
      phases: [{ kind: 'opening' }, { kind: 'discussion', turns: 4 }],
    });
    expect(numberedTurns(opening)).toBeUndefined();
    const twice = fixtureSettings({
      phases: [{ kind: 'discussion' }, { kind: 'rounds' }, { kind: 'discussion' }],
    });
    expect(numberedTurns(twice)).toBeUndefined();
  });

  it('is undefined for a format this version does not know, where phasesFor would throw', () => {
    expect(numberedTurns(fixtureSettings({ format: 'salon' as 'debate' }))).toBeUndefined();
  });
});
