import { describe, expect, it } from 'vitest';
import { ATOMIC_WRITE, BatchedLines } from './batched-lines.js';

describe('BatchedLines', () => {
  it('writes whole lines, each write within a pipe’s atomic size unless one line is longer', () => {
    const writes: string[] = [];
    const lines = new BatchedLines((text) => writes.push(text));
    const written: string[] = [];
    for (let i = 0; i < 300; i++) {
      const line = `2026-12-02T06:00:00.000Z info POST /v1/chat/completions 200 ${i}.0 ms ${'é'.repeat(i % 7)}\n`;
      written.push(line);
      lines.write(line);
    }
    const long = `${'x'.repeat(ATOMIC_WRITE * 2)}\n`;
    lines.write(long);
    lines.write('after\n');
    lines.flush();
    expect(writes.join('')).toBe([...written, long, 'after\n'].join(''));
    expect(writes.length).toBeGreaterThan(1);
    for (const text of writes) {
      expect(text.endsWith('\n')).toBe(true);
      if (text !== long) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    }
  });

  it('writes once for lines that come together, after a short wait', async () => {
    const writes: string[] = [];
    const lines = new BatchedLines((text) => writes.push(text));
    lines.write('a\n');
    lines.write('b\n');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes).toEqual(['a\nb\n']);
  });
});
