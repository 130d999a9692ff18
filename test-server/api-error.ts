import type { core } from 'zod';

export type ApiErrorType = 'invalid_request_error' | 'not_found_error' | 'server_error';

/** The body OpenAI sends with every error, which clients parse for the message. */
export interface ApiErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: ApiErrorType;
    readonly param: string | null;
    readonly code: string | null;
  };
}

/** An error that becomes an OpenAI-style response with its status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly type: ApiErrorType,
    readonly param: string | null,
    readonly code: string | null,
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }
}

export function invalidRequest(
  message: string,
  param: string | null,
  code: string | null,
): ApiError {
  return new ApiError(400, message, 'invalid_request_error', param, code);
}

/** ['messages', 0, 'content'] → "messages[0].content", as OpenAI names parameters. */
export function paramName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const key of path) {
    if (typeof key === 'number') name += `[${key}]`;
    else name += name === '' ? String(key) : `.${String(key)}`;
  }
  return name;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  return `a ${typeof value}`;
}

/** Parameters OpenAI types as integers, which its error codes name as such. */
const INTEGER_PARAMS = new Set(['max_tokens', 'max_completion_tokens', 'n', 'seed']);

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
};

/** A zod issue from validating a request body → the 400 OpenAI would send for it. */
export function fromIssue(issue: core.$ZodIssue): ApiError {
  const param = paramName(issue.path);
  if (param === '') {
    return invalidRequest(
      `The request body must be a JSON object, but got ${typeName(issue.input)}.`,
      null,
      'invalid_type',
    );
  }
  if (issue.input === undefined) {
    return invalidRequest(
      `Missing required parameter: '${param}'.`,
      param,
      'missing_required_parameter',
    );
  }
  const kind = INTEGER_PARAMS.has(String(issue.path.at(-1))) ? 'integer' : 'decimal';
  switch (issue.code) {
    case 'invalid_type':
      return invalidRequest(
        `Invalid type for '${param}': expected ${EXPECTED[issue.expected] ?? issue.expected}, but got ${typeName(issue.input)} instead.`,
        param,
        'invalid_type',
      );
    case 'invalid_union':
      return invalidRequest(
        `Invalid type for '${param}': expected ${unionExpectation(param)}, but got ${typeName(issue.input)} instead.`,
        param,
        'invalid_type',
      );
    case 'too_small':
      if (issue.origin === 'string') {
        return invalidRequest(
          `Invalid '${param}': string too short. Expected a string with minimum length ${issue.minimum}, but got an empty string instead.`,
          param,
          'string_below_min_length',
        );
      }
      if (issue.origin === 'array' && Number(issue.minimum) === 1) {
        return invalidRequest(
          `Invalid '${param}': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
          param,
          'empty_array',
        );
      }
      return invalidRequest(
        `Invalid '${param}': expected a value >= ${issue.minimum}, but got ${String(issue.input)} instead.`,
        param,
        `${kind}_below_min_value`,
      );
    case 'too_big':
      if (issue.origin === 'array') {
        return invalidRequest(
          `Invalid '${param}': array too long. Expected an array with maximum length ${issue.maximum}.`,
          param,
          'array_above_max_length',
        );
      }
      return invalidRequest(
        `Invalid '${param}': expected a value <= ${issue.maximum}, but got ${String(issue.input)} instead.`,
        param,
        `${kind}_above_max_value`,
      );
    case 'invalid_value':
      return invalidRequest(
        `Invalid value for '${param}': ${JSON.stringify(issue.input)}. Supported values are: ${issue.values.map((value) => `'${String(value)}'`).join(', ')}.`,
        param,
        'invalid_value',
      );
    default:
      return invalidRequest(`Invalid '${param}': ${issue.message}.`, param, 'invalid_value');
  }
}

function unionExpectation(param: string): string {
  if (param.endsWith('.content')) return 'a string or an array of content parts';
  if (param === 'stop') return 'a string or an array of strings';
  if (param === 'prompt') return 'a string, an array of strings or an array of token ids';
  return 'one of the allowed types';
}
