// Run by crash.test.ts as a separate process, which the test kills with SIGKILL at a random
// moment: writes an endless synthetic discussion to a transcript, one event per macrotask, and
// reports each finished turn on stdout so the test knows the run is under way.
import { setImmediate } from 'node:timers/promises';
import { syntheticEvents } from '../../render/test-utils/events.js';
import { openTranscript } from '../writer.js';

const root = process.argv[2];
if (!root) throw new Error('usage: crash-child <transcripts root>');

const writer = await openTranscript({
  root,
  dirName: 'run',
  title: 'crash test',
  run: { version: 'test', tableDir: '.', settings: {} },
});
process.stdout.write(`dir ${writer.dir}\n`);
for (const event of syntheticEvents({ turns: 10_000, end: false })) {
  writer.write(event);
  if (event.type === 'turn-ended') process.stdout.write(`turn ${event.turn}\n`);
  await setImmediate();
}
