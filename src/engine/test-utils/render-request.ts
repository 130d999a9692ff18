import type { ModelRequest } from '../model.js';

/** A request as readable text, for file snapshots: its settings, then each message in order. */
export function renderRequest(request: ModelRequest, title: string): string {
  const lines = [
    `# ${title}`,
    '',
    `seat ${request.seat} (${request.speaker}) · purpose ${request.purpose} · temperature ${request.temperature} · maxTokens ${request.maxTokens} · model ${request.model ?? '(table default)'} · endpoint ${request.endpoint ?? '(table default)'}`,
  ];
  request.messages.forEach((message, index) => {
    lines.push('', `## [${index}] ${message.role}`, '', message.content);
  });
  return `${lines.join('\n')}\n`;
}
