// Real-browser tests: Debian's chromium driven by playwright-core, each test with a fresh profile.
// CI installs chromium (.ci/run) and must not pass by skipping; a developer without it gets the
// tests skipped. Screenshots go to test-artifacts/ (ignored by git) for a person to look at.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { ROOT } from '../helpers/cli.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts');

export function describeInBrowser(name: string, body: () => void): void {
  const available = existsSync(CHROMIUM) || process.env.CI !== undefined;
  (available ? describe : describe.skip)(
    available ? name : `${name} (skipped: ${CHROMIUM} is not installed)`,
    { timeout: 120_000 },
    body,
  );
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'rt-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did that it should not: dialogs opened, requests made, errors logged. */
export interface Watch {
  readonly dialogs: string[];
  readonly requests: string[];
  readonly errors: string[];
}

export function watch(page: Page): Watch {
  const seen: Watch = { dialogs: [], requests: [], errors: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => seen.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

/** A screenshot of a screenful at this width (a phone's 390 px, a laptop's 1280), into test-artifacts/. */
export async function screenshot(
  page: Page,
  name: string,
  width: number,
  height = width < 600 ? 844 : 900,
): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.setViewportSize({ width, height });
  const path = join(ARTIFACTS, `${name}-${width}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * A TCP proxy whose connections can be cut and refused for a while, then allowed again: the
 * page's connection to the server dropping and coming back. It keeps the start of every request
 * that went through it, so a test can see what the browser asked for on reconnecting.
 */
export class CuttableProxy {
  readonly requests: string[] = [];
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  #cut = false;

  static async start(targetPort: number): Promise<CuttableProxy> {
    const proxy = new CuttableProxy();
    proxy.#server = createServer((client) => {
      if (proxy.#cut) {
        client.destroy();
        return;
      }
      const upstream = connect(targetPort, '127.0.0.1');
      let head = '';
      client.on('data', (chunk) => {
        if (head.length < 2000) {
          head += chunk.toString('latin1');
          if (head.includes('\r\n\r\n'))
            proxy.requests.push(head.slice(0, head.indexOf('\r\n\r\n')));
        }
      });
      for (const socket of [client, upstream]) {
        proxy.#sockets.add(socket);
        socket.on('close', () => proxy.#sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.#server?.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.#server?.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  /** Drops every open connection and refuses new ones until `restore()`. */
  cut(): void {
    this.#cut = true;
    for (const socket of this.#sockets) socket.destroy();
  }

  restore(): void {
    this.#cut = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}
