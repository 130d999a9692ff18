// The model client: the engine's `Model` port over OpenAI-compatible endpoints.
export type { BackoffOptions } from './backoff.js';
export type { EndpointOptions } from './endpoint.js';
export { type ListModelsOptions, listModels } from './list-models.js';
export { createOpenAIModel, MAX_RETRY_AFTER_MS } from './openai-model.js';
export { createRouterModel, type RouterOptions, type SeatRoute } from './router.js';
