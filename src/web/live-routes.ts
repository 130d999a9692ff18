import type { FastifyInstance } from 'fastify';
import type { Command } from '../engine/commands.js';
import { findParticipant, validateCommand } from '../engine/controls.js';
import { type Access, WebError } from './access.js';
import { queryOf, streamStart } from './app.js';
import { parseControl } from './control.js';
import type { EventHub } from './hub.js';
import { livePage } from './pages.js';
import { streamHub } from './sse.js';

export interface LiveRoutesOptions {
  readonly hub: EventHub;
  readonly access: Access;
  /** Where the controls' commands go (the engine's command queue). */
  readonly send: (command: Command) => void;
  /** The planned number of turns, for the page's status line. */
  readonly turns?: number | undefined;
}

/**
 * One running discussion: `/` the page, `/events` its event stream, `/control` the moderator's
 * commands (with `--web-control` and the token).
 */
export function registerLiveRoutes(app: FastifyInstance, options: LiveRoutesOptions): void {
  const { hub, access } = options;

  app.get('/', async (request, reply) => {
    access.checkView(request.headers, queryOf(request));
    const controls = access.control && access.hasToken(request.headers, queryOf(request));
    const page = livePage({
      title: `Roundtable: ${hub.title ?? 'live'}`,
      participants: hub.participants,
      events: '/events',
      control: controls ? '/control' : undefined,
      turns: options.turns,
    });
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', `${page.csp}; frame-ancestors 'none'`)
      .send(page.html);
  });

  app.get('/events', async (request, reply) => {
    access.checkView(request.headers, queryOf(request));
    const after = streamStart(request);
    reply.hijack();
    streamHub(request.raw, reply.raw, hub, after);
  });

  app.post('/control', async (request, reply) => {
    access.checkControl(request.headers, queryOf(request));
    const parsed = parseControl(request.body);
    if ('error' in parsed) throw new WebError(400, parsed.error);
    const command = checkAgainstTable(parsed.command, hub);
    if (hub.closed)
      throw new WebError(409, 'the discussion has ended: there is nothing to control');
    options.send(command);
    return reply.code(202).send({ ok: true, message: acknowledgement(command) });
  });
}

function checkAgainstTable(command: Command, hub: EventHub): Command {
  const table = hub.table;
  if (table === undefined) throw new WebError(409, 'the discussion has not started yet');
  const problem = validateCommand(command, table);
  if (problem !== undefined) throw new WebError(400, problem);
  // The engine wants the name as the table spells it.
  if (command.type === 'ask') {
    return {
      type: 'ask',
      name: findParticipant(table.participants, command.name)?.name ?? command.name,
    };
  }
  return command;
}

function acknowledgement(command: Command): string {
  switch (command.type) {
    case 'pause':
      return 'pausing';
    case 'resume':
      return 'resuming';
    case 'skip':
      return 'skipping the rest of this turn';
    case 'next-topic':
      return 'next topic after this turn';
    case 'set-topic':
      return 'new topic after this turn';
    case 'wrap-up':
      return 'wrapping up: summary next';
    case 'stop':
      return 'finishing after this turn';
    case 'interject':
      return 'the table will hear you after this turn';
    case 'ask':
      return `${command.name} speaks next`;
    default:
      return 'sent';
  }
}
