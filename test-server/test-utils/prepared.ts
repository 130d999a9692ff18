import type { ModelRequest } from '../../src/engine/model.js';
import type { Prepared } from '../model/prepare.js';
import { readChat } from '../model/read-request.js';
import type { MarkovEndpoint } from '../requests.js';

export interface Body {
  model: string;
  temperature: number;
  n?: number;
  messages: { role: string; content: string }[];
}

/** The chat body roundtable's client sends for a request. */
export const bodyOf = (request: ModelRequest): Body => ({
  model: 'markov',
  temperature: request.temperature ?? 0.7,
  messages: request.messages.map(({ role, content }) => ({ role, content })),
});

/** The state an endpoint's model prepares for a body, as a chat request would. */
export function preparedOf(endpoint: MarkovEndpoint, body: Body): Prepared {
  const read = readChat(
    body.messages.map((message) => ({
      role: message.role,
      text: message.content,
      reading: endpoint.model.messages.read(message.content),
    })),
  );
  return endpoint.model.prepare(read);
}
