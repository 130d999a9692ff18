// The chat completion request as the endpoint's dialect takes it: which field carries max_tokens,
// whether usage is asked for in the stream, and how far a JSON schema for the reply is accepted.
import type OpenAI from 'openai';
import type { ModelRequest } from '../engine/model.js';
import type { Endpoint } from './endpoint.js';

export function chatRequestBody(
  endpoint: Endpoint,
  request: ModelRequest,
  model: string,
): OpenAI.ChatCompletionCreateParamsStreaming {
  const { dialect } = endpoint;
  return {
    model,
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    temperature: request.temperature,
    [dialect.maxTokensField]: request.maxTokens,
    stream: true,
    ...(dialect.streamOptions ? { stream_options: { include_usage: true } } : {}),
    ...responseFormatField(request.responseFormat, dialect.responseFormat),
  };
}

/** `response_format` as far as the endpoint takes it: a schema may fall back to plain JSON mode. */
function responseFormatField(
  format: ModelRequest['responseFormat'],
  accepted: Endpoint['dialect']['responseFormat'],
): Pick<OpenAI.ChatCompletionCreateParamsStreaming, 'response_format'> {
  if (format === undefined || accepted === 'none') return {};
  if (format.type === 'json_object' || accepted === 'json_object') {
    return { response_format: { type: 'json_object' } };
  }
  return {
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: format.name,
        schema: { ...format.schema },
        ...(format.strict === undefined ? {} : { strict: format.strict }),
      },
    },
  };
}
