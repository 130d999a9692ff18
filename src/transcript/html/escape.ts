// Everything a model or a table file wrote reaches HTML through here. Two steps: every control
// character a terminal would obey (ANSI and OSC escapes, bells, carriage returns) and every bidi
// override or isolate is made visible by the one terminal-safe text module, so that neither the
// page nor a `cat transcript.html` acts on it; then the five characters HTML gives meaning to are
// escaped, so that the text is text in element content and in quoted attributes alike.
import { terminalSafe } from '../../render/terminal-safe.js';

const HTML_SPECIAL = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return terminalSafe(text).replace(HTML_SPECIAL, (c) => ENTITIES[c] ?? c);
}
