// The README's Quick start (`npm install`, then `npx roundtable run`) must not greet a newcomer
// with npm's warnings: on the system's Node 20, npm warned EBADENGINE for every package that
// needs the Node 24 the project runs on (~60 lines). The project's .npmrc keeps npm to errors.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ensureBuilt, ROOT } from '../helpers/cli.js';

const run = promisify(execFile);
// npm as a person runs it: the one on the PATH, not the one `npm test` runs under.
const env = cleanEnv({ npm_config_loglevel: undefined, NO_UPDATE_NOTIFIER: '1' });
for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];

describe("the Quick start's commands", () => {
  it('npm in the project folder shows errors only', async () => {
    const { stdout } = await run('npm', ['config', 'get', 'loglevel'], { cwd: ROOT, env });
    expect(stdout.trim()).toBe('error');
  });

  it('`npx roundtable --help` prints the help and not one line of npm', async () => {
    ensureBuilt();
    // The first npx in a checkout installs the project itself into npm's npx cache, and that runs
    // its prepare script: a build, which empties dist/ for seconds under every other test file
    // running beside this one (a CLI started then found no build). The build is not what this
    // checks, so npm is asked to run no scripts.
    const { stdout, stderr } = await run('npx', ['roundtable', '--help'], {
      cwd: ROOT,
      env: { ...env, npm_config_ignore_scripts: 'true' },
    });
    expect(stdout).toMatch(/^Usage: roundtable /);
    expect(stderr).toBe('');
  }, 60_000);
});
