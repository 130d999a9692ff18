import { EDITING_KEYS, KEY_BINDINGS, SLASH_COMMANDS } from '../keys.js';
import type { Line } from '../spans.js';
import { wrapText } from '../wrap.js';
import { BOX_INSET, boxed } from './box.js';
import { Lines } from './Lines.js';

function section(
  title: string,
  entries: readonly { readonly name: string; readonly description: string }[],
  inner: number,
): Line[] {
  const column = Math.min(
    Math.max(...entries.map((e) => e.name.length)) + 2,
    Math.floor(inner / 2),
  );
  const rows: Line[] = [[{ text: title, bold: true }]];
  for (const entry of entries) {
    // The name on its own row when it is wider than its column; the description beside it.
    const name = entry.name.length < column ? entry.name.padEnd(column) : undefined;
    if (name === undefined) rows.push([{ text: entry.name, color: 'cyan' }]);
    const text = wrapText(entry.description, inner - column);
    for (const [i, part] of text.entries()) {
      const lead = i === 0 && name !== undefined ? name : ' '.repeat(column);
      rows.push([{ text: lead, color: 'cyan' }, { text: part }]);
    }
  }
  return rows;
}

/** Every key, editing key and slash command, wrapped to the overlay's width. */
export function helpLines(columns: number): Line[] {
  const inner = Math.max(1, columns - BOX_INSET);
  return [
    ...section(
      'Keys',
      KEY_BINDINGS.map((b) => ({ name: b.keys, description: b.description })),
      inner,
    ),
    ...section(
      'In the input box',
      EDITING_KEYS.map((k) => ({ name: k.keys, description: k.description })),
      inner,
    ),
    ...section(
      'Slash commands',
      SLASH_COMMANDS.map((c) => ({ name: c.usage, description: c.description })),
      inner,
    ),
  ];
}

/** The overlay cut into pages of what fits in `rows` (borders and the page line included). */
export function helpPages(columns: number, rows: number): Line[][] {
  const all = helpLines(columns);
  if (all.length + 2 <= rows) return [all];
  const per = Math.max(1, rows - 3);
  const pages: Line[][] = [];
  for (let i = 0; i < all.length; i += per) pages.push(all.slice(i, i + per));
  return pages;
}

/** The help box; `page` past the last shows the last. */
export function helpView(columns: number, rows: number, page: number): Line[] {
  const pages = helpPages(columns, rows);
  const index = Math.min(page, pages.length - 1);
  const content = [...(pages[index] ?? [])];
  if (pages.length > 1) {
    const more = index + 1 < pages.length ? '? next page' : '? closes';
    content.push([{ text: `page ${index + 1}/${pages.length} · ${more} · Esc closes`, dim: true }]);
  }
  return boxed(content, columns, { dim: true });
}

export function HelpOverlay({ lines }: { readonly lines: readonly Line[] }) {
  return <Lines lines={lines} />;
}
