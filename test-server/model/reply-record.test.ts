import { describe, expect, it } from 'vitest';
import type { Prepared } from './prepare.js';
import { ReplyRecord } from './reply-record.js';

/** A state's seat at a table of these names, as a reply's record reads it. */
const at = (self: string | undefined, others: readonly string[]) =>
  ({
    self: self === undefined ? undefined : { name: self },
    others: others.map((name) => ({ name })),
  }) as unknown as Prepared;

describe("a reply's record", () => {
  it('names the seats of its own table, whichever table the reply before sat at', () => {
    const tables = [
      at('Ann', ['Bob', 'Cy']),
      at('Ann', ['Bob', 'Cy']),
      at('Ann', ['Bob']),
      at('Ann', ['Bob', 'Dee']),
      at(undefined, ['Ann', 'Bob', 'Dee']),
      at('', []),
      at('Bob', ['Cy', 'Ann']),
      at('Ann', ['Bob', 'Cy']),
    ];
    const names = tables.map((table) => new ReplyRecord(table).names?.names);
    expect(names).toEqual([
      ['Ann', 'Bob', 'Cy'],
      ['Ann', 'Bob', 'Cy'],
      ['Ann', 'Bob'],
      ['Ann', 'Bob', 'Dee'],
      ['Ann', 'Bob', 'Dee'],
      undefined,
      ['Ann', 'Bob', 'Cy'],
      ['Ann', 'Bob', 'Cy'],
    ]);
    const record = new ReplyRecord(at('Ann', ['Bob']));
    expect(record.namesSomeone('Thanks, Bob.')).toBe(true);
    expect(record.namesSomeone('Thanks, Cy.')).toBe(false);
  });
});
