// Strings a schema allows: a sample of a named format, or the voice's words, lengthened or cut
// (at a word where one is near) to the schema's length limits.
import type { Random } from '../prng.js';
import { SchemaProblem } from './check-schema.js';
import { lengthOf } from './conforms.js';
import { numberOf, type SchemaObject, type SchemaPath } from './schema.js';
import type { Field, Voice } from './values.js';

const FORMAT_VALUES: Readonly<Record<string, (random: Random) => string>> = {
  'date-time': () => '2026-12-01T19:30:00Z',
  date: () => '2026-12-01',
  time: () => '19:30:00Z',
  email: () => 'panel@example.org',
  uri: () => 'https://example.org/roundtable',
  uuid: (random) =>
    '00000000-0000-4000-8000-000000000000'.replace(/0/g, () =>
      Math.floor(random() * 16).toString(16),
    ),
  hostname: () => 'roundtable.example.org',
  ipv4: () => '192.0.2.10',
};

/** A string the schema allows: a format's sample, or the voice's words within the length limits. */
export function stringValue(
  schema: SchemaObject,
  field: Field,
  path: SchemaPath,
  voice: Voice,
): string {
  const min = numberOf(schema, 'minLength') ?? 0;
  const max = numberOf(schema, 'maxLength') ?? Number.POSITIVE_INFINITY;
  const format = typeof schema.format === 'string' ? FORMAT_VALUES[schema.format] : undefined;
  if (format !== undefined) {
    const value = format(voice.random);
    if (lengthOf(value) < min || lengthOf(value) > max) {
      throw new SchemaProblem(
        'format',
        path,
        `no ${String(schema.format)} fits the length limits.`,
      );
    }
    return value;
  }
  let text = voice.text(field, max);
  while (lengthOf(text) < min)
    text = `${text} ${voice.text({ ...field, meaning: 'text' }, max)}`.trim();
  return clip(text, max, min);
}

/** At most `max` code points (and at least `min`), cut at a word when one is near. */
export function clip(text: string, max: number, min = 0): string {
  const points = [...text];
  if (points.length <= max) return text;
  const hard = points.slice(0, max).join('');
  const space = hard.lastIndexOf(' ');
  const soft = space > max * 0.6 ? hard.slice(0, space).replace(/[\s,;:]+$/u, '') : hard;
  return lengthOf(soft) >= min ? soft : hard;
}
