import { describe, expect, it } from 'vitest';
import { fixtureSettings, fixtureTable } from '../engine/test-utils/fixture.js';
import { InputError } from '../errors.js';
import { validatePhases } from './phases-config.js';
import { resolveSettings } from './resolve-settings.js';
import { toEngineSettings } from './settings.js';
import { seatSides } from './sides.js';

describe('phases in the config file', () => {
  it('accepts a table’s own list of phases', () => {
    const result = validatePhases([
      { kind: 'opening', title: 'First thoughts' },
      { kind: 'discussion', turns: 6, speakerPolicy: 'fair', alternate: 'sides' },
      { kind: 'rounds', rounds: 2 },
      { kind: 'review' },
      { kind: 'closing', prompt: 'Where do you stand?' },
      { kind: 'summary', by: 'chair' },
    ]);
    expect(result.ok).toBe(true);
  });

  it('names each bad phase and field, with what would be valid', () => {
    const result = validatePhases([
      { kind: 'openin' },
      { kind: 'discussion', turns: 0 },
      { kind: 'summary', by: 'boss' },
      { kind: 'rounds', roundz: 2 },
    ]);
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.messages;
    expect(messages[0]).toMatch(
      /^phases\[0\]\.kind: expected one of opening, .* \(did you mean opening\?\)/u,
    );
    expect(messages[1]).toMatch(/^phases\[1\]\.turns: expected a whole number ≥ 1, got 0/u);
    expect(messages[2]).toMatch(/^phases\[2\]\.by: expected "most-heard", "judge" or "chair"/u);
    expect(messages[3]).toMatch(/phases\[3\].*roundz.*rounds/u);
    expect(validatePhases([])).toMatchObject({ ok: false });
    expect(validatePhases({ kind: 'opening' })).toMatchObject({ ok: false });
  });

  it('refuses phases and format together in the file; a format flag wins over the file’s phases', () => {
    const config = { phases: [{ kind: 'opening' }] };
    expect(() => resolveSettings({ config: { ...config, format: 'debate' } })).toThrow(
      /phases and format/u,
    );
    expect(toEngineSettings(resolveSettings({ config })).phases).toEqual([{ kind: 'opening' }]);
    const flagged = resolveSettings({ config, flags: { format: 'council' } });
    expect(toEngineSettings(flagged)).toMatchObject({ format: 'council' });
    expect(toEngineSettings(flagged).phases).toBeUndefined();
  });

  it('reads format, rounds and closing from flags and the environment', () => {
    const run = resolveSettings({
      flags: { format: 'rounds', closing: true },
      env: { ROUNDTABLE_ROUNDS: '3' },
    });
    expect(run).toMatchObject({ format: 'rounds', rounds: 3, closing: true });
    expect(() => resolveSettings({ flags: { format: 'panel' } })).toThrow(
      /--format: expected "roundtable", "debate", "council", "rounds", got "panel"/u,
    );
  });
});

describe('debate sides', () => {
  const files = new Map(
    fixtureTable.participants.map((p) => [p.seat, `participants/role${p.seat}.json`]),
  );
  const debate = fixtureSettings({ format: 'debate' });
  const withSides = (sides: readonly (string | undefined)[]) => ({
    ...fixtureTable,
    participants: fixtureTable.participants.map((p, k) => ({ ...p, side: sides[k] })),
  });

  it('splits a table without sides into for and against, and says so', () => {
    const { table, warnings } = seatSides(fixtureTable, debate, files);
    expect(table.participants.map((p) => p.side)).toEqual(['for', 'against', 'for', 'against']);
    expect(warnings[0]).toMatch(/odd seats argue "for"/u);
  });

  it("splits a table without sides by the first question's options when it lists them", () => {
    const options = {
      ...fixtureTable,
      task: { ...fixtureTable.task, options: [['tram', 'bus', 'bikes'], []] },
    };
    const { table, warnings } = seatSides(options, debate, files);
    expect(table.participants.map((p) => p.side)).toEqual(['tram', 'bus', 'bikes', 'tram']);
    expect(warnings).toEqual([
      'no role file gives a "side" for the debate: the seats argue the first question\'s options in turn (Ann tram, Bob bus, Cy bikes, Dee tram)',
    ]);
    // A judge stands aside; the options go round the debaters.
    const judged = {
      ...options,
      participants: options.participants.map((p, k) => ({
        ...p,
        side: k === 1 ? 'judge' : undefined,
      })),
    };
    expect(seatSides(judged, debate, files).table.participants.map((p) => p.side)).toEqual([
      'tram',
      'judge',
      'bus',
      'bikes',
    ]);
    // A yes/no question (no options) keeps for and against.
    const yesNo = { ...fixtureTable, task: { ...fixtureTable.task, options: [[], ['a', 'b']] } };
    expect(seatSides(yesNo, debate, files).table.participants.map((p) => p.side)).toEqual([
      'for',
      'against',
      'for',
      'against',
    ]);
  });

  it('keeps a judge out of the split', () => {
    const { table } = seatSides(
      withSides([undefined, undefined, 'judge', undefined]),
      debate,
      files,
    );
    expect(table.participants.map((p) => p.side)).toEqual(['for', 'against', 'judge', 'for']);
  });

  it('names the role files that lack a side when others have one', () => {
    expect(() =>
      seatSides(withSides(['for', undefined, 'against', undefined]), debate, files),
    ).toThrow(InputError);
    expect(() =>
      seatSides(withSides(['for', undefined, 'against', undefined]), debate, files),
    ).toThrow(/participants\/role2\.json, participants\/role4\.json: no "side"/u);
    expect(() => seatSides(withSides(['for', 'for', 'for', 'for']), debate, files)).toThrow(
      /at least two sides/u,
    );
  });

  it('leaves other formats alone', () => {
    const table = withSides(['for', undefined, undefined, undefined]);
    expect(seatSides(table, fixtureSettings(), files).table).toBe(table);
  });
});
