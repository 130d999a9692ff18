import { hostname } from 'node:os';
import type { Command } from '../engine/commands.js';
import { InputError } from '../errors.js';
import type { FoldInput } from '../transcript/fold.js';
import { Access, isLoopback, newToken } from './access.js';
import { createWebApp, listen } from './app.js';
import { EventHub } from './hub.js';
import { RunLibrary } from './library.js';
import { registerLibraryRoutes } from './library-routes.js';
import { registerLiveRoutes } from './live-routes.js';

export const DEFAULT_WEB_HOST = '127.0.0.1';

export interface WebServerOptions {
  /** The interface to listen on; beyond loopback every request needs the token. */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

export interface WebServer {
  /** What to open: with `?token=` when the page needs it to view or to steer. */
  readonly url: string;
  readonly port: number;
  readonly token: string | undefined;
  close(): Promise<void>;
}

/** How long a closing server lets its viewers read the end of the discussion. */
const DRAIN_MS = 2000;

export interface LiveWebOptions extends WebServerOptions {
  /** The moderator's controls on the page (`--web-control`). */
  readonly control: boolean;
  readonly send: (command: Command) => void;
  readonly turns?: number | undefined;
}

export interface LiveWeb extends WebServer {
  /** Feed it every record, the earlier ones (a resumed discussion's) first. */
  publish(record: FoldInput): void;
}

/** `run --web`: the running discussion as a page, for any number of viewers. */
export async function startLiveWeb(options: LiveWebOptions): Promise<LiveWeb> {
  const token = options.control || !isLoopback(options.host) ? newToken() : undefined;
  const access = new Access({ host: options.host, token, control: options.control });
  const hub = new EventHub();
  const app = createWebApp();
  registerLiveRoutes(app, { hub, access, send: options.send, turns: options.turns });
  const { url, port } = await listenOrExplain(app, access, options, '--web <port>');
  return {
    url: withToken(url, token, options.host),
    port,
    token,
    publish: (record) => hub.publish(record),
    async close() {
      hub.close();
      // Let viewers read to the end (the SSE streams end themselves once they have).
      const deadline = Date.now() + DRAIN_MS;
      while (hub.viewers > 0 && Date.now() < deadline) await delay(50);
      await app.close();
    },
  };
}

/** `serve <dir>`: the discussions in a folder, past and running. */
export async function startLibraryWeb(root: string, options: WebServerOptions): Promise<WebServer> {
  const token = isLoopback(options.host) ? undefined : newToken();
  const access = new Access({ host: options.host, token, control: false });
  const library = new RunLibrary(root);
  const app = createWebApp();
  registerLibraryRoutes(app, { library, access });
  const { url, port } = await listenOrExplain(app, access, options, '--port <port>');
  return {
    url: withToken(url, token, options.host),
    port,
    token,
    async close() {
      library.close();
      await app.close();
    },
  };
}

async function listenOrExplain(
  app: ReturnType<typeof createWebApp>,
  access: Access,
  options: WebServerOptions,
  flag: string,
): Promise<{ url: string; port: number }> {
  try {
    return await listen(app, access, options.host, options.port);
  } catch (error) {
    await app.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new InputError(
        `port ${options.port} is in use: choose another with ${flag}, or 0 for any free one`,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new InputError(`cannot listen on ${options.host}: no such interface on this machine`);
    }
    if (code === 'EACCES') {
      throw new InputError(
        `not allowed to listen on port ${options.port}: use one above 1023, or 0`,
      );
    }
    throw error;
  }
}

function withToken(url: string, token: string | undefined, host: string): string {
  // Listening on every interface: the name others reach this machine by is more useful.
  const shown =
    host === '0.0.0.0' || host === '::' ? url.replace(/\/\/[^/]+:/, `//${hostname()}:`) : url;
  return token === undefined ? shown : `${shown}?token=${token}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
