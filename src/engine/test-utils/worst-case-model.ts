// A model that answers every request at its full maxTokens, with replies as long as that allows
// and prompts counted as estimated: the worst a budgeted run can meet, so a budget kept against
// it is kept against any model. Structured answers are valid; the LLM moderator names the next
// candidate in turn; bids are digits.
import type { ModelRequest } from '../model.js';
import { estimatePromptTokens } from '../usage.js';
import { FakeModel } from './fake-model.js';

const WORDS = 'park tram housing rails budget trees neighbours shops bridge station rent'.split(
  ' ',
);

/** A reply as long as its maxTokens allows (four characters a token), different every call. */
function speech(speaker: string, maxTokens: number, call: number): string {
  const words = [`${speaker} says`];
  for (let i = 0; words.join(' ').length < maxTokens * 4 - 12; i++) {
    words.push(WORDS[(call * 7 + i * ((call % 5) + 1)) % WORDS.length] as string);
  }
  return `${words.join(' ')}.`;
}

export function reply(request: ModelRequest, call: number): string {
  if (request.purpose === 'moderator') {
    const line = request.messages.at(-1)?.content ?? '';
    const candidates = /Candidates for the next turn: (.+)\./u.exec(line)?.[1]?.split(', ');
    const next = candidates?.at(call % candidates.length) ?? 'Ann';
    return JSON.stringify({ next, reason: 'has the most to add', steer: '', action: 'continue' });
  }
  if (request.purpose === 'bid') return String(call % 10);
  const format = request.responseFormat;
  if (format?.type === 'json_schema' && format.name === 'record') {
    return JSON.stringify({ actionItems: [], openQuestions: [], groups: [] });
  }
  if (format?.type === 'json_schema') {
    return JSON.stringify({
      q1: { position: 'park', confidence: 0.7, changedMind: false, because: 'Green space.' },
    });
  }
  return speech(request.speaker, request.maxTokens, call);
}

/** Every request uses all of its maxTokens, and its prompt as estimated. */
export function worstCaseModel(): FakeModel {
  return new FakeModel((request, call) => ({
    chunks: [reply(request, call)],
    usage: {
      promptTokens: estimatePromptTokens(request.messages),
      completionTokens: request.maxTokens,
      estimated: false,
    },
  }));
}
