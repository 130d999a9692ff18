import { readFileSync } from 'node:fs';

/** The `data:` payloads of a server-sent event stream, in order ('[DONE]' included as is). */
export function ssePayloads(body: string): string[] {
  return body
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => {
      if (!event.startsWith('data: '))
        throw new Error(`not an SSE data event: ${JSON.stringify(event)}`);
      return event.slice('data: '.length);
    });
}

export interface Chunk {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: {
    index: number;
    delta?: { role?: string; content?: string };
    text?: string;
    finish_reason: string | null;
  }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** Parses every chunk of a stream, checking it ends with exactly one [DONE]. */
export function sseChunks(body: string): Chunk[] {
  const payloads = ssePayloads(body);
  if (payloads.at(-1) !== '[DONE]') throw new Error('stream does not end with [DONE]');
  return payloads.slice(0, -1).map((payload) => JSON.parse(payload) as Chunk);
}

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}
