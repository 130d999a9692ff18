// Loaded into a server (`node --import`) by bench-server-gc.ts: where the main thread's garbage
// collections fall, inside a request (its 'request' event to its `res.end` returning) or between
// requests (where the server waits for its client). A collection between requests still delays
// the next one when it outlasts the client's own time, but no request's work waits inside it.
// SIGUSR2 starts the count afresh; at exit the sums go to GC_PLACEMENT_OUT as JSON.
import { writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { PerformanceObserver, performance } from 'node:perf_hooks';

const KINDS = { 1: 'scavenge', 2: 'mark-compact', 4: 'incremental marking', 8: 'weak callbacks' };
let spans = [];
let collections = [];

const emit = Server.prototype.emit;
Server.prototype.emit = function (event, ...args) {
  if (event === 'request') {
    const response = args[1];
    const start = performance.now();
    const end = response.end;
    response.end = function (...args) {
      const ended = end.apply(this, args);
      spans.push([start, performance.now()]);
      return ended;
    };
  }
  return emit.call(this, event, ...args);
};

new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    collections.push([entry.startTime, entry.duration, entry.detail?.kind]);
}).observe({ entryTypes: ['gc'] });

process.on('SIGUSR2', () => {
  spans = [];
  collections = [];
});

process.on('exit', () => {
  const out = process.env.GC_PLACEMENT_OUT;
  if (out === undefined || spans.length === 0) return;
  spans.sort((a, b) => a[0] - b[0]);
  const sums = {};
  let at = 0;
  for (const [start, ms, kind] of collections) {
    while (at < spans.length && spans[at][1] < start) at++;
    const inside = at < spans.length && spans[at][0] <= start;
    const key = `${KINDS[kind] ?? kind} ${inside ? 'in a request' : 'between requests'}`;
    sums[key] ??= { count: 0, ms: 0 };
    sums[key].count++;
    sums[key].ms += ms;
  }
  const requestMs = spans.reduce((sum, [start, end]) => sum + end - start, 0);
  writeFileSync(out, JSON.stringify({ requests: spans.length, requestMs, sums }));
});
