import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DummyServer, startDummyServer } from '../../test-server/server.js';
import { spawnCli, withTempDir, writeTable } from '../helpers/cli.js';
import { waitFor } from '../tui/waits.js';
import {
  type Browser,
  CuttableProxy,
  describeInBrowser,
  openBrowser,
  screenshot,
  watch,
} from './browser.js';

let browser: Browser | undefined;
let dummy: DummyServer | undefined;
beforeAll(async () => {
  // Paced: a Markov reply of ~60 tokens takes a second or two, long enough to watch it stream.
  dummy = await startDummyServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    tokensPerSecond: 40,
    seed: 4,
  });
  browser = await openBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await dummy?.close();
});

interface Recorded {
  readonly type: string;
  readonly turn?: number;
  readonly text?: string;
  readonly command?: { readonly type: string };
}

const recorded = (out: string): Recorded[] => {
  const [folder] = readdirSync(out);
  return readFileSync(join(out, folder ?? '', 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Recorded);
};

/** The page's turns, in order: [article id, text]. */
const pageTurns = (page: Page) =>
  page.evaluate(
    `[...document.querySelectorAll('#log article.turn')].map((a) => [a.id, a.querySelector('.text').textContent])`,
  ) as Promise<[string, string][]>;

describeInBrowser('the live web page in chromium', () => {
  it('streams the turns, survives a cut connection with nothing lost or repeated, and steers the run', async () => {
    await withTempDir(async (root) => {
      const table = writeTable(join(root, 'table'));
      const out = join(root, 'out');
      const run = spawnCli([
        'run',
        table,
        '--plain',
        '--turns',
        '8',
        '--seed',
        '11',
        '--out',
        out,
        '--base-url',
        dummy?.url ?? '',
        '--model',
        'markov',
        '--web',
        '--web-control',
      ]);
      let stderr = '';
      run.child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      try {
        const url = await waitFor(
          () => /Web view[^\n]*: (http:\/\/\S+)/.exec(stderr)?.[1],
          'the web view URL',
          30_000,
          () => stderr,
        );
        const target = new URL(url);
        const proxy = await CuttableProxy.start(Number(target.port));
        const viaProxy = `http://127.0.0.1:${proxy.port}/${target.search}`;
        try {
          const page = await (browser as Browser).context.newPage();
          const seen = watch(page);
          await page.goto(viaProxy);
          // A reply streams into the live turn before it ends as an article.
          const live = page.locator('#live .live-turn .text');
          await waitFor(
            async () =>
              (await live.count()) > 0 && ((await live.first().textContent()) ?? '').length > 20
                ? true
                : undefined,
            'a reply streaming',
            30_000,
          );
          await page.locator('#log article.turn').first().waitFor({ timeout: 30_000 });
          await screenshot(page, 'live', 390);
          await screenshot(page, 'live', 1280);

          // The moderator's controls: pause, then resume, then a word to the table.
          await page.locator('#pause').click();
          await page.locator('#status', { hasText: 'paused' }).waitFor({ timeout: 15_000 });
          await page.locator('#pause', { hasText: 'Resume' }).click();
          await page.locator('#status', { hasText: 'live' }).waitFor({ timeout: 15_000 });
          await page.locator('#say input').fill('@Bob, what would it cost?');
          await page.locator('#say button').click();
          await page
            .locator('#log .moderator', { hasText: '@Bob, what would it cost?' })
            .waitFor({ timeout: 30_000 });

          // Cut the page's connection mid-run, keep it down for a turn or so, then restore it.
          proxy.cut();
          await page.locator('#status[data-state="offline"]').waitFor({ timeout: 10_000 });
          await new Promise((resolve) => setTimeout(resolve, 2500));
          proxy.restore();
          await page.locator('#status', { hasText: 'finished' }).waitFor({ timeout: 60_000 });

          const result = await run.done;
          expect(result.code, stderr).toBe(0);
          const events = recorded(out);
          const turns = events.filter((e) => e.type === 'turn-ended');
          const summary = events.find((e) => e.type === 'summary');
          const shown = await pageTurns(page);
          expect(shown.map(([id]) => id)).toEqual([
            ...turns.map((t) => `turn-${t.turn}`),
            'turn-9',
          ]);
          expect(shown.map(([, text]) => text)).toEqual([
            ...turns.map((t) => t.text),
            summary?.text,
          ]);
          expect(events.filter((e) => e.type === 'command').map((e) => e.command?.type)).toEqual([
            'pause',
            'resume',
            'interject',
          ]);
          // The page came back where it left off: the browser sent the last id it had seen.
          expect(
            proxy.requests
              .filter((r) => r.startsWith('GET /events'))
              .some((r) => /^last-event-id: \d+$/im.test(r)),
          ).toBe(true);
          expect(seen.dialogs).toEqual([]);
          expect(seen.requests.every((u) => u.startsWith(`http://127.0.0.1:${proxy.port}/`))).toBe(
            true,
          );
          await page.close();
        } finally {
          await proxy.close();
        }
      } finally {
        run.child.kill('SIGKILL');
      }
    });
  });
});
