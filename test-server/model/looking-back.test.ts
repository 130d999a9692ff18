import { describe, expect, it } from 'vitest';
import { readGuidance } from './guidance.js';
import { tooEarlyToLookBack } from './looking-back.js';

const at = (line: string) => tooEarlyToLookBack(readGuidance(line, ['Ines']));

describe('tooEarlyToLookBack', () => {
  it("holds a discussion's first two thirds by the moderator's turn count, and nothing after", () => {
    expect(at('Juno, the floor is yours (turn 1 of 12, 11 turns left after this one).')).toBe(true);
    expect(at('Juno, the floor is yours (turn 8 of 12, 4 turns left after this one).')).toBe(true);
    expect(at('Juno, the floor is yours (turn 9 of 12, 3 turns left after this one).')).toBe(false);
    expect(at('Juno, the floor is yours (turn 4 of 4, the last turn).')).toBe(false);
  });

  it('holds nothing in a request that names no turn (another client, a summary)', () => {
    expect(at('Juno, the floor is yours.')).toBe(false);
    expect(tooEarlyToLookBack(undefined)).toBe(false);
  });
});
