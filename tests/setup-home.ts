// Every test file gets a ROUNDTABLE_HOME of its own: code run in-process that opens the run
// library must never touch the real ~/.roundtable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const home = mkdtempSync(join(tmpdir(), 'roundtable-home-'));
const previous = process.env.ROUNDTABLE_HOME;
process.env.ROUNDTABLE_HOME = home;
// The CLI runs a file starts get a home inside this one (tests/helpers/cli.ts), removed with it.
process.env.ROUNDTABLE_TEST_HOME = home;

afterAll(() => {
  if (previous === undefined) delete process.env.ROUNDTABLE_HOME;
  else process.env.ROUNDTABLE_HOME = previous;
  delete process.env.ROUNDTABLE_TEST_HOME;
  rmSync(home, { recursive: true, force: true });
});
