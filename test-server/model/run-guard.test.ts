import { describe, expect, it } from 'vitest';
import { RunGuard, runSet, wordSet } from './run-guard.js';
import { normalWords } from './words.js';

const ASK = 'Juno, the floor is yours: what should the town do with the old station?';
const SAID = 'We should ask what the town can do with the old station first.';

/** A guard whose one forbidden text is the ask, its test counted. */
function askGuard(testWords?: (ReadonlySet<string> | undefined)[]) {
  const runs = runSet([ASK]);
  let asked = 0;
  const guard = new RunGuard(
    [
      (key) => {
        asked++;
        return runs.has(key);
      },
    ],
    [],
    // The streak's words hold every word of the reply, so every run reaches the test.
    [wordSet([ASK, SAID])],
    undefined,
    testWords,
  );
  return { guard, asked: () => asked };
}

describe('RunGuard test words', () => {
  it('asks a test only of runs whose words its text holds, with the same answers', () => {
    const words = wordSet([ASK]);
    const said = normalWords(SAID);
    const plain = askGuard();
    const gated = askGuard([words]);
    expect(gated.guard.firstForbidden(said)).toBe(plain.guard.firstForbidden(said));
    // Each six-word run of the reply holds a word the ask does not ("ask", "can", "first").
    expect(plain.asked()).toBeGreaterThan(0);
    expect(gated.asked()).toBe(0);

    const recited = normalWords('I wonder what should the town do with the old station.');
    const refused = plain.guard.firstForbidden(recited);
    expect(refused).toBe('what should the town do with');
    expect(askGuard([words]).guard.firstForbidden(recited)).toBe(refused);
  });

  it('asks every test when it is told no words', () => {
    const said = normalWords(SAID);
    const untold = askGuard([undefined]);
    untold.guard.firstForbidden(said);
    // Every six-word run of the reply, once.
    expect(untold.asked()).toBe(said.length - 5);
  });
});
