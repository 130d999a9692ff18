import { afterAll, beforeAll } from 'vitest';
import {
  type DummyServer,
  type StartDummyServerOptions,
  startDummyServer,
} from '../../test-server/server.js';

/**
 * A Markov dummy server on a free loopback port for the tests of one file: started before
 * them, closed after them. Returns the base URL getter (valid inside tests).
 */
export function dummyServerPerFile(options: StartDummyServerOptions = {}): () => string {
  let server: DummyServer | undefined;
  beforeAll(async () => {
    server = await startDummyServer({ host: '127.0.0.1', port: 0, logLevel: 'silent', ...options });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (server === undefined) throw new Error('the dummy server is not running yet');
    return server.url;
  };
}
