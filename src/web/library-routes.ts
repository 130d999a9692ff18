import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatCount } from '../format-count.js';
import { planShown } from '../render/labels.js';
import { foldTranscript } from '../transcript/fold.js';
import { buildPage, renderHtmlPage } from '../transcript/html/document.js';
import { escapeHtml as h } from '../transcript/html/escape.js';
import { readableTime } from '../transcript/html/formatter.js';
import { type Access, WebError } from './access.js';
import { queryOf, streamStart } from './app.js';
import type { RunLibrary, RunListing } from './library.js';
import { livePage } from './pages.js';
import { streamHub } from './sse.js';

/**
 * `serve`: `/` lists the discussions in a folder, `/runs/<name>` shows one (its transcript page;
 * the live page, following events.jsonl, while it is still being written), `/api/runs` the list
 * as JSON. A name that is not in the list is a 404, whatever it looks like.
 */
export function registerLibraryRoutes(
  app: FastifyInstance,
  options: { readonly library: RunLibrary; readonly access: Access },
): void {
  const { library, access } = options;
  const folder = (request: FastifyRequest): { id: string; dir: string } => {
    const id = (request.params as { id?: string }).id ?? '';
    const dir = library.folderOf(id);
    if (dir === undefined) {
      throw new WebError(404, `no run named "${id}" in ${library.root}: see / for the runs there`);
    }
    return { id, dir };
  };
  const tokenQuery = (request: FastifyRequest) => {
    const token = queryOf(request).token;
    return typeof token === 'string' ? `?token=${encodeURIComponent(token)}` : '';
  };

  app.get('/', async (request, reply) => {
    access.checkView(request.headers, queryOf(request));
    const page = listPage(library.root, await library.list(), tokenQuery(request));
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', `${page.csp}; frame-ancestors 'none'`)
      .send(page.html);
  });

  app.get('/api/runs', async (request) => {
    access.checkView(request.headers, queryOf(request));
    return { root: library.root, runs: await library.list() };
  });

  app.get('/runs/:id', async (request, reply) => {
    access.checkView(request.headers, queryOf(request));
    const { id, dir } = folder(request);
    const records = await library.records(dir);
    const back = `/${tokenQuery(request)}`;
    const folded = foldTranscript(records);
    const page =
      folded.end === undefined
        ? livePage({
            title: `Roundtable: ${folded.title}`,
            participants: folded.participants,
            events: `/runs/${encodeURIComponent(id)}/events`,
            turns: folded.settings?.turns,
            back,
          })
        : renderHtmlPage(records, {
            before: `<nav class="back"><a href="${h(back)}">← All runs</a></nav>\n`,
          });
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', `${page.csp}; frame-ancestors 'none'`)
      .send(page.html);
  });

  app.get('/runs/:id/events', async (request, reply) => {
    access.checkView(request.headers, queryOf(request));
    const { dir } = folder(request);
    const after = streamStart(request);
    const hub = library.follow(dir);
    reply.hijack();
    streamHub(request.raw, reply.raw, hub, after);
  });
}

function listPage(
  root: string,
  runs: readonly RunListing[],
  tokenQuery: string,
): { html: string; csp: string } {
  const rows = runs.map((run) => {
    const href = `/runs/${encodeURIComponent(run.id)}${tokenQuery}`;
    // As `roundtable history` counts: past the plan (closing answers), the count alone.
    const planned = planShown(run.turns, run.plannedTurns);
    const turns = planned === undefined ? `${run.turns}` : `${run.turns} / ${planned}`;
    const state = run.endReason ?? 'running or crashed';
    return `<tr><td><a href="${h(href)}">${h(run.title)}</a><span class="detail muted"> ${h(run.id)}</span></td><td>${run.startedAt === undefined ? '' : h(readableTime(run.startedAt))}</td><td>${h(run.seats.join(', '))}</td><td class="n">${turns}</td><td class="n">${formatCount(run.tokens)}</td><td>${h(state)}</td></tr>`;
  });
  const table =
    runs.length === 0
      ? `<p class="muted">No transcript folders here yet: run <code>roundtable run --out ${h(root)}</code>.</p>`
      : `<div class="table-wrap"><table><thead><tr><th>Discussion</th><th>Started</th><th>Seats</th><th class="n">Turns</th><th class="n">Tokens</th><th>Ended</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  return buildPage({
    title: `Roundtable runs in ${root}`,
    participants: [],
    body: `<header class="run"><h1>Discussions</h1><ul class="meta"><li>${h(root)}</li><li>${runs.length} ${runs.length === 1 ? 'run' : 'runs'}</li></ul></header>\n${table}\n`,
  });
}
