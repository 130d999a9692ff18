import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// The machine's own Node (20 on our Debian machines) is what a user gets outside `npm run`.
const SYSTEM_NODE = ['/usr/bin/node', '/usr/local/bin/node'].find(existsSync);
const systemMajor =
  SYSTEM_NODE === undefined
    ? undefined
    : Number(
        execFileSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]'], {
          encoding: 'utf8',
        }),
      );

describe('the bin on an old Node', () => {
  it.runIf(systemMajor !== undefined && systemMajor < 22)(
    'prints one line naming the Node it needs and exits 1',
    async () => {
      const result = await runCli(['run', '--help'], { node: SYSTEM_NODE });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^roundtable needs Node\.js >= 22\.12 .*this is Node \d+\./);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
