// The hostile-text table: what a table file or a model may write, aimed at a web page and at a
// terminal at once. Every view must show it as text and act on none of it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTILE_TEXT } from '../../src/render/test-utils/hostile.js';
import { fixtureRecords } from '../../src/report/test-utils/fixture.js';
import type { TranscriptRecord } from '../../src/transcript/events-file.js';

/** Sets `window.pwned` and opens a dialog if it ever runs, and asks for a URL if it ever loads. */
export const MARKUP = [
  '<script>window.pwned = 1; alert(1)</script>',
  '<img src="http://203.0.113.9/x.png" onerror="window.pwned = 2; alert(2)">',
  '<svg onload="window.pwned = 3"></svg>',
  '<a href="javascript:alert(3)">click</a>',
  '<style>body{background:url(http://203.0.113.9/bg.png)}</style>',
  '</div></article></main><script>window.pwned = 4</script>',
].join(' ');

export const HOSTILE = `${MARKUP} ${HOSTILE_TEXT}`;

/** A table whose every file carries the hostile text (its names the markup). */
export function writeHostileTable(dir: string): string {
  mkdirSync(join(dir, 'participants'), { recursive: true });
  mkdirSync(join(dir, 'task'), { recursive: true });
  const seat = (name: string, creativity: number) => ({
    name,
    // A name is one line with no control character (the loader refuses any): markup only.
    full_name: `${name} ${MARKUP}`,
    creativity,
    prompt: `You are ${name}. ${HOSTILE}`,
  });
  writeFileSync(join(dir, 'participants', 'role1.json'), JSON.stringify(seat('Eve', 0.4)));
  writeFileSync(join(dir, 'participants', 'role2.json'), JSON.stringify(seat('Mal', 0.9)));
  writeFileSync(join(dir, 'task', 'context.txt'), `The context. ${HOSTILE}\n`);
  writeFileSync(join(dir, 'task', 'instructions.txt'), `Repeat this: ${HOSTILE}\n`);
  writeFileSync(
    join(dir, 'task', 'questions.txt'),
    `Is this safe? ${HOSTILE.replace(/\n/g, ' ')}\n`,
  );
  return dir;
}

/** The report fixture with the hostile text in every string a person sees, and a 1 MB reply. */
export function hostileRecords(): TranscriptRecord[] {
  const megabyte = `${'A hostile megabyte. '.repeat(52_000)}${HOSTILE}`;
  return fixtureRecords().map((record) => {
    switch (record.type) {
      case 'run':
        return { ...record, title: `Title ${HOSTILE}`, tableDir: HOSTILE, tableName: HOSTILE };
      case 'discussion-started':
        return {
          ...record,
          participants: record.participants.map((p) => ({
            ...p,
            fullName: `${p.fullName} ${MARKUP}`,
          })),
          task: {
            ...record.task,
            context: HOSTILE,
            questions: record.task.questions.map((q) => `${q} ${HOSTILE}`),
          },
        };
      case 'turn-started':
        return { ...record, topic: { ...record.topic, text: `${record.topic.text} ${HOSTILE}` } };
      case 'turn-ended':
        return { ...record, text: record.turn === 2 ? megabyte : `${record.text} ${HOSTILE}` };
      case 'retry':
      case 'error':
        return record.type === 'retry'
          ? { ...record, reason: HOSTILE }
          : { ...record, message: HOSTILE };
      case 'summary':
        return { ...record, text: HOSTILE };
      default:
        return record;
    }
  });
}
