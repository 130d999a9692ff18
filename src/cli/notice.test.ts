import { describe, expect, it } from 'vitest';
import { OFFLINE_NOTICE, offlineNotice } from './offline-notice.js';
import { warnNotice } from './warn-notice.js';

function stream(isTTY: boolean, columns?: number) {
  let text = '';
  return {
    isTTY,
    columns,
    write(chunk: string) {
      text += chunk;
    },
    text: () => text,
  };
}

const message =
  'the run library /home/ann/.roundtable/library.db is missing; rebuilt it from 12 transcript folders. 5 folders could not be read and were skipped (a, b, c and 2 more); `roundtable reindex` lists each with the reason';

describe('a warning for a person', () => {
  it('is wrapped to the terminal, its later lines indented, no word lost or split', () => {
    for (const columns of [80, 60]) {
      const out = stream(true, columns);
      warnNotice(message, out);
      const lines = out.text().trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(2);
      expect(lines[0]).toMatch(/^roundtable: the run library/);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\S/);
      expect(lines.map((l) => l.trim()).join(' ')).toBe(`roundtable: ${message}`);
    }
  });

  it('stays on one line in a log (stderr not a terminal)', () => {
    const out = stream(false, 80);
    warnNotice(message, out);
    expect(out.text()).toBe(`roundtable: ${message}\n`);
  });

  it('shows control characters from a file name instead of obeying them', () => {
    const out = stream(true, 80);
    warnNotice('skipped /tmp/\u001b]0;owned\u0007: unreadable', out);
    expect(out.text()).toBe('roundtable: skipped /tmp/␛]0;owned␇: unreadable\n');
  });
});

describe('the offline notice', () => {
  it('is wrapped to the terminal at any width, no word split', async () => {
    for (const columns of [60, 100, 120]) {
      const out = stream(true, columns);
      await offlineNotice(out);
      const lines = out.text().trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      expect(lines.map((l) => l.trim()).join(' ')).toBe(`roundtable: ${OFFLINE_NOTICE}`);
    }
  });

  it('stays one line in a log', async () => {
    const out = stream(false, 60);
    await offlineNotice(out);
    expect(out.text()).toBe(`roundtable: ${OFFLINE_NOTICE}\n`);
  });
});
