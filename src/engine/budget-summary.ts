// The summarize strategy's running summary: the turns a seat no longer hears, condensed by its
// own model in a short, quiet request of its own.
import type { TokenCounter } from '../tokens/counter.js';
import { MODERATOR } from './clean-reply.js';
import type { HistoryEntry } from './history.js';
import type { Model, ModelRequest, Usage } from './model.js';
import type { Participant } from './table.js';
import { addUsage } from './usage.js';

/** Notes should stay factual: a low temperature whatever the seat's creativity. */
export const CONTEXT_SUMMARY_TEMPERATURE = 0.2;

/** The summary's reply budget: a tenth of the window, within 64–400 tokens. */
export function summaryTokensFor(contextTokens: number): number {
  return Math.min(400, Math.max(64, Math.floor(contextTokens / 10)));
}

function entryLine(entry: HistoryEntry): string {
  switch (entry.kind) {
    case 'turn':
      return `${entry.speaker}: ${entry.text}`;
    case 'moderator':
      return `${MODERATOR}: ${entry.text}`;
  }
}

export interface ContextSummaryInput {
  readonly participant: Participant;
  /** The seat's summary so far, which the new one replaces. */
  readonly previous: string | undefined;
  /** The entries that just left the seat's window, oldest first. */
  readonly dropped: readonly HistoryEntry[];
  readonly contextTokens: number;
  readonly counter: TokenCounter;
}

function instructions(name: string): string {
  return [
    `You keep running notes of a moderated discussion for ${name}, who takes part in it.`,
    `The notes stand in for the earlier turns that no longer fit in ${name}'s memory.`,
    'Record who said what, where they agreed and disagreed, what was decided, and open questions.',
    `Be factual and brief; write in the third person, ${name} included; no preamble.`,
  ].join(' ');
}

/**
 * The request for an updated summary. When the dropped turns alone would overflow the window
 * (a first trim of a long history), the oldest of them are left out of it.
 */
export function buildContextSummaryRequest(input: ContextSummaryInput): ModelRequest {
  const { participant, previous, counter } = input;
  const maxTokens = summaryTokensFor(input.contextTokens);
  const words = Math.max(30, Math.floor(maxTokens * 0.6));
  const head = previous === undefined ? '' : `Notes so far:\n${previous}\n\n`;
  const tail = `\n\nWrite the updated notes in at most ${words} words.`;
  const system = instructions(participant.name);
  const lines = input.dropped.map(entryLine);
  const room =
    input.contextTokens -
    maxTokens -
    counter.count([
      { role: 'system', content: system },
      { role: 'user', content: `${head}Turns to add:\n${tail}` },
    ]);
  let used = lines.reduce((sum, line) => sum + counter.countText(line) + 1, 0);
  let first = 0;
  while (first < lines.length - 1 && used > room) {
    used -= counter.countText(lines[first] ?? '') + 1;
    first += 1;
  }
  return {
    seat: participant.seat,
    speaker: participant.name,
    purpose: 'context-summary',
    model: participant.model,
    endpoint: participant.endpoint,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: `${head}Turns to add:\n${lines.slice(first).join('\n')}${tail}` },
    ],
    temperature: CONTEXT_SUMMARY_TEMPERATURE,
    maxTokens,
  };
}

export interface QuietReply {
  readonly text: string;
  /** What the server reported; undefined when it reported nothing. */
  readonly usage: Usage | undefined;
}

/**
 * Reads a whole reply without showing any of it: the summary is the seat's private memory, not
 * something the table hears. Throws what the model throws.
 */
export async function readQuietly(
  model: Model,
  request: ModelRequest,
  signal: AbortSignal,
): Promise<QuietReply> {
  let text = '';
  let usage: Usage | undefined;
  for await (const chunk of model(request, signal)) {
    if (signal.aborted) break;
    switch (chunk.type) {
      case 'text':
        text += chunk.text;
        break;
      case 'usage':
        usage = usage === undefined ? chunk.usage : addUsage(usage, chunk.usage);
        break;
      case 'retry':
        break;
    }
  }
  return { text: text.trim(), usage };
}
