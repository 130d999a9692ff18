import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, invalidRequest } from './api-error.js';

/**
 * Reads every request body as JSON, whatever its content type (curl -d sends a form type), with
 * OpenAI's 400 for malformed JSON. An empty body parses to undefined; the route says what is missing.
 */
export function acceptJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    // As Fastify's own parser does: a "__proto__" key would give the parsed body a prototype
    // whose fields look like request parameters no schema checked.
    if (text.includes('"__proto__"')) {
      done(
        invalidRequest(
          'The request body contains a forbidden "__proto__" key.',
          null,
          'invalid_json',
        ),
        undefined,
      );
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(
        invalidRequest(
          `We could not parse the JSON body of your request (${(error as Error).message}). The body must be valid JSON.`,
          null,
          'invalid_json',
        ),
        undefined,
      );
    }
  });
}

/** Every failure as OpenAI's error object: 413 over the body limit, 404 off the routes, 4xx as is. */
export function answerErrorsLikeOpenAI(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.statusCode).send(error.toBody());
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const tooLarge = new ApiError(
        413,
        `The request body is larger than this server's limit of ${bodyLimit} bytes.`,
        'invalid_request_error',
        null,
        'request_too_large',
      );
      return reply.code(413).send(tooLarge.toBody());
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .send(invalidRequest(error.message, null, error.code ?? null).toBody());
    }
    request.log.error({ err: error }, `${request.method} ${request.url} failed`);
    const failure = new ApiError(
      500,
      'The dummy server failed on this request.',
      'server_error',
      null,
      null,
    );
    return reply.code(500).send(failure.toBody());
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new ApiError(
      404,
      `Unknown request URL: ${request.method} ${request.url}. This server serves POST /v1/chat/completions, POST /v1/completions, GET /v1/models and GET /health.`,
      'invalid_request_error',
      null,
      'unknown_url',
    );
    return reply.code(404).send(error.toBody());
  });
}
