// Every CLI process a test starts (tests/helpers/cli.ts) is ended when the test is: one left
// running by a test that failed halfway would otherwise run on beside the next tests.
import { afterEach } from 'vitest';
import { killLeftRunning } from './helpers/cli.js';

afterEach(() => {
  const ended = killLeftRunning();
  if (ended.length > 0) {
    process.stderr.write(`ended CLI processes the test left running:\n${ended.join('\n')}\n`);
  }
});
