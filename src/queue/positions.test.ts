import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Positions } from './positions.js';

const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rt-positions-'));
  dirs.push(dir);
  return join(dir, 'queue');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('stream positions', () => {
  it('keeps the last id written for each run, a shorter one over a longer one too', () => {
    const dir = folder();
    const positions = new Positions(dir);
    expect(positions.read('a')).toBeUndefined();
    positions.write('a', '1764640000000-123');
    positions.write('b', '1764640000001-0');
    positions.write('a', '1764640000002-7');
    positions.close();
    const again = new Positions(dir);
    expect(again.read('a')).toBe('1764640000002-7');
    expect(again.read('b')).toBe('1764640000001-0');
    // Written in place, over what a coordinator before it left.
    again.write('b', '1764640000003-1');
    again.close();
    expect(readFileSync(join(dir, 'b.position'), 'utf8').trim()).toBe('1764640000003-1');
  });

  it('treats a file that holds no stream id as never read', () => {
    const dir = folder();
    const positions = new Positions(dir);
    writeFileSync(join(dir, 'a.position'), '');
    writeFileSync(join(dir, 'b.position'), 'garbage');
    expect(positions.read('a')).toBeUndefined();
    expect(positions.read('b')).toBeUndefined();
    positions.close();
  });
});
