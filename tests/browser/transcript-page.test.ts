import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureRecords } from '../../src/report/test-utils/fixture.js';
import type { TranscriptRecord } from '../../src/transcript/events-file.js';
import { startLibraryWeb } from '../../src/web/start.js';
import { runCli, withTempDir } from '../helpers/cli.js';
import {
  type Browser,
  describeInBrowser,
  openBrowser,
  screenshot,
  type Watch,
  watch,
} from './browser.js';
import { hostileRecords, MARKUP, writeHostileTable } from './hostile.js';

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await openBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<{ page: Page; seen: Watch }> {
  if (browser === undefined) throw new Error('no browser');
  const page = await browser.context.newPage();
  return { page, seen: watch(page) };
}

/** Nothing ran, opened, loaded or complained; the hostile markup is on the page as text. */
async function expectInert(page: Page, seen: Watch, allowed: (url: string) => boolean) {
  // A string, evaluated in the page (these tests are not compiled with the DOM's types).
  const state = (await page.evaluate(`({
    pwned: window.pwned,
    elements: document.querySelectorAll('img, svg, iframe, object, embed, style:not(head style)').length,
    scripts: document.querySelectorAll('script').length,
    javascriptLinks: document.querySelectorAll('a[href^="javascript"]').length,
    text: document.body.innerText,
  })`)) as {
    pwned: unknown;
    elements: number;
    scripts: number;
    javascriptLinks: number;
    text: string;
  };
  expect(state.pwned).toBeUndefined();
  expect(state.elements).toBe(0);
  expect(state.javascriptLinks).toBe(0);
  expect(state.text).toContain('<script>window.pwned = 1; alert(1)</script>');
  expect(state.text).toContain('␛]0;pwned title␇');
  expect(state.text).not.toContain('\u001b');
  expect(seen.dialogs).toEqual([]);
  expect(seen.requests.filter((url) => !allowed(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
  return state;
}

function folderWith(root: string, name: string, records: readonly TranscriptRecord[]): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'events.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return dir;
}

describeInBrowser('transcript.html in chromium', () => {
  it('shows a real offline run of the hostile-text table inert', async () => {
    await withTempDir(async (root) => {
      const table = writeHostileTable(join(root, 'table'));
      const out = join(root, 'out');
      const run = await runCli([
        'run',
        table,
        '--plain',
        '--turns',
        '3',
        '--seed',
        '5',
        '--out',
        out,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const [folder] = readdirSync(out);
      const url = pathToFileURL(join(out, folder ?? '', 'transcript.html')).href;
      const { page, seen } = await newPage();
      await page.goto(url);
      const state = await expectInert(page, seen, (u) => u === url);
      expect(state.scripts).toBe(0);
      expect(await page.locator('article.turn').count()).toBe(4);
      await page.close();
    });
  });

  it('shows hostile records and a 1 MB reply inert, folded, readable at 390 and 1280 px, printable', async () => {
    await withTempDir(async (root) => {
      const dir = folderWith(root, 'hostile', hostileRecords());
      const exported = await runCli(['export', dir, '--html']);
      expect(exported.code, exported.stderr).toBe(0);
      const url = pathToFileURL(join(dir, 'transcript.html')).href;
      const { page, seen } = await newPage();
      await page.goto(url);
      await expectInert(page, seen, (u) => u === url);
      expect(await page.title()).toContain('Title <script>');

      const long = page.locator('#turn-2 .text');
      const height = () =>
        long.evaluate((el) => (el as unknown as { offsetHeight: number }).offsetHeight);
      const folded = await height();
      expect(folded).toBeLessThan(400);
      await page.locator('label[for="more-2"]').click();
      expect(await height()).toBeGreaterThan(10_000);
      await page.locator('label[for="more-2"]').click();

      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        // Nothing wider than the screen: no sideways scrolling.
        const scrollWidth = await page.evaluate('document.documentElement.scrollWidth');
        expect(scrollWidth).toBeLessThanOrEqual(width);
        await screenshot(page, 'transcript-hostile', width);
      }

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#turn-2 .rest').isVisible()).toBe(true);
      expect(await page.locator('label[for="more-2"]').isVisible()).toBe(false);
      await page.close();
    });
  });

  it("shows a seat's memory as a quote in the seat's colour, inert, at 390 and 1280 px", async () => {
    await withTempDir(async (root) => {
      const records = fixtureRecords();
      const at = records.findIndex((r) => r.type === 'discussion-started');
      const started = records[at];
      if (started?.type !== 'discussion-started') throw new Error('no discussion-started');
      const seat = started.participants[1];
      if (seat === undefined) throw new Error('no second seat');
      records.splice(at + 1, 0, {
        type: 'seat-memory',
        seat: seat.seat,
        speaker: seat.name,
        note: `Last time you held: trams first.\nThe table decided: ${MARKUP}\n${'unbroken'.repeat(60)}`,
        sources: [
          {
            runId: '3fa9c2d1e0b4',
            title: 'Park, housing or tram?',
            startedAt: '2026-11-02T14:05:00.000Z',
            kinds: ['position', 'outcome'],
          },
        ],
        ts: started.ts,
      } as TranscriptRecord);
      const dir = folderWith(root, 'memory', records);
      const exported = await runCli(['export', dir, '--html']);
      expect(exported.code, exported.stderr).toBe(0);
      const url = pathToFileURL(join(dir, 'transcript.html')).href;
      const { page, seen } = await newPage();
      await page.goto(url);

      const quote = page.locator('blockquote.memory');
      expect(await quote.count()).toBe(1);
      expect(await quote.locator('.label').textContent()).toBe(
        `${seat.name} remembers 1 earlier run: 3fa9c2d1e0b4 (2026-11-02 14:05)`,
      );
      // Its words are text: the markup is shown, none of it ran or loaded.
      expect(await quote.textContent()).toContain('<script>window.pwned = 1; alert(1)</script>');
      expect(await page.evaluate('window.pwned')).toBeUndefined();
      expect(await quote.locator('img, svg, script, a, style').count()).toBe(0);
      expect(seen.dialogs).toEqual([]);
      expect(seen.requests.filter((u) => u !== url)).toEqual([]);

      // Styled as the page is: the seat's colour on its edge (as on the seat's card), a tinted
      // background, the label quieter than the words.
      const look = (await page.evaluate(`(() => {
        const el = document.querySelector('blockquote.memory');
        const style = getComputedStyle(el);
        const card = document.querySelector('.seats li.seat-${seat.seat}');
        const label = getComputedStyle(el.querySelector('.label'));
        const words = getComputedStyle(el.querySelector('p:not(.label)'));
        return {
          edge: style.borderLeftColor, edgeWidth: parseFloat(style.borderLeftWidth),
          seat: card ? getComputedStyle(card).borderLeftColor : '', background: style.backgroundColor,
          labelSize: parseFloat(label.fontSize), wordsSize: parseFloat(words.fontSize),
        };
      })()`)) as {
        edge: string;
        edgeWidth: number;
        seat: string;
        background: string;
        labelSize: number;
        wordsSize: number;
      };
      expect(look.seat).not.toBe('');
      expect(look.edge).toBe(look.seat);
      expect(look.edgeWidth).toBeGreaterThan(2);
      expect(look.background).not.toBe('rgba(0, 0, 0, 0)');
      expect(look.labelSize).toBeLessThan(look.wordsSize);

      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
          width,
        );
        const box = await quote.boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
        await quote.scrollIntoViewIfNeeded();
        await screenshot(page, 'transcript-memory', width);
      }
      await page.close();
    });
  });

  it("keeps every seat's name readable in its colour on a light page, a dark one and paper", async () => {
    await withTempDir(async (root) => {
      // Terminal colours a role file may name (yellow, white, black: chosen for a terminal),
      // and the seats' turns: the first three seats speak in the fixture.
      const colors = ['#e5e510', '#e5e5e5', '#000000', '#f5f543', '#11a8cd', '#0000ff', '#d670d6'];
      const records = fixtureRecords().map((record) =>
        record.type === 'discussion-started'
          ? {
              ...record,
              participants: colors.map((color, i) => ({
                ...(record.participants[i] ?? record.participants[0]),
                seat: i + 1,
                name: record.participants[i]?.name ?? `Seat${i + 1}`,
                color,
              })),
            }
          : record,
      ) as TranscriptRecord[];
      const dir = folderWith(root, 'colours', records);
      const exported = await runCli(['export', dir, '--html']);
      expect(exported.code, exported.stderr).toBe(0);
      const { page } = await newPage();
      await page.goto(pathToFileURL(join(dir, 'transcript.html')).href);
      // WCAG contrast of each seat's name (its card and its turns' headers) against the card it
      // sits on, both read back as sRGB through a canvas whatever CSS colour syntax they use.
      const contrasts = `(() => {
        const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
        const rgb = (css) => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = css; ctx.fillRect(0, 0, 1, 1); return [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3); };
        const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const on = (el) => { for (let n = el; n; n = n.parentElement) { const bg = getComputedStyle(n).backgroundColor; if (bg !== 'rgba(0, 0, 0, 0)') return bg; } return 'white'; };
        return [...document.querySelectorAll('.seats .name, .turn .who')].map((el) => {
          const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(on(el)))];
          return { name: el.textContent, edge: getComputedStyle(el.closest('li, .turn')).borderLeftColor, contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
        });
      })()`;
      type Seen = { name: string; edge: string; contrast: number }[];
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
        const seen = (await page.evaluate(contrasts)) as Seen;
        expect(seen.length).toBeGreaterThanOrEqual(colors.length + 3);
        for (const { name, contrast } of seen)
          expect(contrast, `${name} on a ${scheme} page`).toBeGreaterThanOrEqual(4.5);
        // The seat's edge keeps the colour as chosen: yellow stays yellow there.
        expect(seen[0]?.edge).toBe('rgb(229, 229, 16)');
      }
      await page.emulateMedia({ colorScheme: 'dark', media: 'print' });
      for (const { name, contrast } of (await page.evaluate(contrasts)) as Seen)
        expect(contrast, `${name} printed`).toBeGreaterThanOrEqual(4.5);
      await page.close();
    });
  });

  it('lists runs with whole words in every column but the titles, at 1000 and 390 px', async () => {
    await withTempDir(async (root) => {
      const records = fixtureRecords().map((r) =>
        r.type === 'run'
          ? { ...r, title: `Should the branch line carry trains again, ${'or '.repeat(20)}not?` }
          : r,
      );
      folderWith(root, '20261204-124013-should-the-branch-line-carry-trains-again', records);
      const server = await startLibraryWeb(root, { host: '127.0.0.1', port: 0 });
      try {
        const { page } = await newPage();
        await page.goto(server.url);
        for (const width of [1000, 390]) {
          await page.setViewportSize({ width, height: 700 });
          // How many lines each header and each one-word cell (the state) takes.
          const lines =
            (await page.evaluate(`[...document.querySelectorAll('th, td:last-child')].map((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return [el.textContent, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
          })`)) as [string, number][];
          expect(lines.length).toBe(7);
          for (const [text, count] of lines) expect(count, `"${text}" at ${width} px`).toBe(1);
          // A narrow table scrolls in its own box; the page itself never does.
          expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
            width,
          );
        }
        await page.close();
      } finally {
        await server.close();
      }
    });
  });

  it('shows the same records inert on the live page, as they stream in', async () => {
    await withTempDir(async (root) => {
      const records = hostileRecords().filter((r) => r.type !== 'discussion-ended');
      folderWith(root, 'live', records);
      const server = await startLibraryWeb(root, { host: '127.0.0.1', port: 0 });
      try {
        const origin = server.url.replace(/\/$/, '');
        const { page, seen } = await newPage();
        await page.goto(`${origin}/runs/live`);
        await page.locator('.summary article.turn').waitFor();
        const state = await expectInert(page, seen, (u) => u.startsWith(`${origin}/runs/live`));
        expect(state.scripts).toBe(1);
        expect(await page.locator('#log article.turn').count()).toBe(6);
        await screenshot(page, 'live-hostile', 390);
        await page.close();
      } finally {
        await server.close();
      }
    });
  });
});
