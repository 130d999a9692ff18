// Structured answers from the dummy app: a chat request with a response_format, sent to the app
// of the calling test file, and what came back.
import { appClient } from './app-client.js';

/** Ann is asked a question: the conversation the structured requests answer. */
export const turn = [
  { role: 'system', content: 'You are Ann Lee, a structural engineer.' },
  { role: 'user', content: 'Bob: Parks need upkeep money. Ann, what would a tram cost per year?' },
];

/** A strict json_schema response format. */
export const jsonSchema = (schema: unknown, name = 'answer') => ({
  type: 'json_schema',
  json_schema: { name, strict: true, schema },
});

/** An unseeded, silent app for the calling test file. */
export function jsonClient() {
  const client = appClient({ logLevel: 'silent' });
  const chat = (payload: Record<string, unknown>) =>
    client.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: { model: 'markov', ...payload },
    });
  return {
    get app() {
      return client.app;
    },
    /** The status and body of the answer to `turn` in this format. */
    async ask(format: unknown, extra: Record<string, unknown> = {}) {
      const response = await chat({ messages: turn, response_format: format, ...extra });
      return {
        status: response.statusCode,
        body: response.json<{
          choices?: { message: { content: string }; finish_reason: string }[];
          error?: { message: string; param: string | null; code: string | null };
        }>(),
      };
    },
    /** The offline model's structured answer to a chat request, parsed. */
    async answerOf(payload: Record<string, unknown>) {
      const response = await chat(payload);
      return JSON.parse(response.json().choices[0].message.content);
    },
  };
}
