import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A web error a person can act on: the status and a sentence saying what to do. */
export class WebError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function newToken(): string {
  return randomBytes(18).toString('base64url');
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

export interface AccessOptions {
  /** The interface listened on. */
  readonly host: string;
  /** Required to view when listening beyond loopback, and to control always. */
  readonly token: string | undefined;
  /** The moderator's controls are on (`--web-control`). */
  readonly control: boolean;
}

/**
 * Who may do what. On loopback anyone on this machine may watch (read-only) and only the token
 * holder may steer; beyond loopback every request needs the token. A request whose Host header is
 * not this server's own name is refused on loopback, so a web page elsewhere cannot read the
 * discussion by pointing a name of its own at 127.0.0.1 (DNS rebinding).
 */
export class Access {
  readonly #options: AccessOptions;
  #port = 0;

  constructor(options: AccessOptions) {
    if (!isLoopback(options.host) && options.token === undefined) {
      throw new Error('a web view beyond loopback needs a token');
    }
    this.#options = options;
  }

  set port(port: number) {
    this.#port = port;
  }

  get token(): string | undefined {
    return this.#options.token;
  }

  get control(): boolean {
    return this.#options.control;
  }

  /** Throws a WebError unless this request may read the discussion. */
  checkView(headers: IncomingHttpHeaders, query: Readonly<Record<string, unknown>>): void {
    this.#checkHost(headers);
    if (isLoopback(this.#options.host)) return;
    this.#checkToken(
      headers,
      query,
      'this web view is shared beyond this machine, so it needs the token',
    );
  }

  /** Throws a WebError unless this request may steer the discussion. */
  checkControl(headers: IncomingHttpHeaders, query: Readonly<Record<string, unknown>>): void {
    this.#checkHost(headers);
    if (!this.#options.control) {
      throw new WebError(
        403,
        'this web view is read-only: start the run with --web-control to use the controls',
      );
    }
    this.#checkToken(headers, query, 'the controls need the token printed in the terminal');
  }

  /** Whether the request carries the right token (the page shows its controls only then). */
  hasToken(headers: IncomingHttpHeaders, query: Readonly<Record<string, unknown>>): boolean {
    const expected = this.#options.token;
    const given = tokenOf(headers, query);
    return expected !== undefined && given !== undefined && sameSecret(given, expected);
  }

  #checkToken(
    headers: IncomingHttpHeaders,
    query: Readonly<Record<string, unknown>>,
    why: string,
  ): void {
    const given = tokenOf(headers, query);
    if (given === undefined) {
      throw new WebError(
        401,
        `${why}: open the URL printed in the terminal (it ends in ?token=…), or send "Authorization: Bearer <token>"`,
      );
    }
    if (!this.hasToken(headers, query)) {
      throw new WebError(403, 'wrong token: use the one printed in the terminal for this run');
    }
  }

  #checkHost(headers: IncomingHttpHeaders): void {
    if (!isLoopback(this.#options.host)) return;
    const host = (headers.host ?? '').toLowerCase();
    // The name, whatever the port (a local proxy or tunnel may stand in between).
    const name = host.replace(/:\d+$/, '');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(name)) {
      throw new WebError(
        403,
        `Host "${host}" is not this server: open http://127.0.0.1:${this.#port}/ (names other than 127.0.0.1 and localhost are refused)`,
      );
    }
  }
}

function tokenOf(
  headers: IncomingHttpHeaders,
  query: Readonly<Record<string, unknown>>,
): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer !== undefined) return bearer;
  return typeof query.token === 'string' && query.token !== '' ? query.token : undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
