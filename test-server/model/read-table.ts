// A system message read as roundtable's table layout (see read-request.ts for the markers): the
// persona first, then the `Context:`, `At the table:` and `Instructions:` sections.
import type { Seat, TableParts } from './read-request.js';

const SECTION = /(?:^|\n[ \t]*\n)(Context|At the table|Instructions):[ \t]*\n/g;

interface Sections {
  readonly head: string;
  readonly byTitle: ReadonlyMap<string, string>;
}

function sectionsOf(system: string): Sections {
  const byTitle = new Map<string, string>();
  const found: { title: string; start: number; bodyStart: number }[] = [];
  for (const match of system.matchAll(SECTION)) {
    const title = match[1] ?? '';
    if (byTitle.has(title) || found.some((f) => f.title === title)) continue;
    found.push({ title, start: match.index, bodyStart: match.index + match[0].length });
  }
  for (const [i, section] of found.entries()) {
    const end = found[i + 1]?.start ?? system.length;
    byTitle.set(section.title, system.slice(section.bodyStart, end).trim());
  }
  const head = system.slice(0, found[0]?.start ?? system.length).trim();
  return { head, byTitle };
}

const SELF_LINE = /^You are ([^\n(]+?)(?: \(([^\n]*)\))?\.?[ \t]*$/m;
const OTHER_LINE = /^[-*•][ \t]+([^\n(]+?)(?: \(([^\n]*)\))?[ \t]*$/gm;

function seatOf(name: string, full: string | undefined): Seat {
  const trimmed = name.trim();
  return { name: trimmed, fullName: full?.trim() || trimmed };
}

function readRoster(roster: string): { self: Seat; others: Seat[] } | undefined {
  const selfMatch = SELF_LINE.exec(roster);
  if (selfMatch === null) return undefined;
  const self = seatOf(selfMatch[1] ?? '', selfMatch[2]);
  const others: Seat[] = [];
  for (const match of roster.matchAll(OTHER_LINE)) {
    const seat = seatOf(match[1] ?? '', match[2]);
    if (seat.name !== '' && seat.name !== self.name) others.push(seat);
  }
  return self.name === '' ? undefined : { self, others };
}

/** The first system message read as roundtable's layout: undefined when it is not. */
export function readTable(system: string): TableParts | undefined {
  const sections = sectionsOf(system);
  const rosterText = sections.byTitle.get('At the table');
  const roster = rosterText === undefined ? undefined : readRoster(rosterText);
  if (roster === undefined || rosterText === undefined) return undefined;
  return {
    persona: sections.head,
    context: sections.byTitle.get('Context') ?? '',
    instructions: sections.byTitle.get('Instructions') ?? '',
    roster: rosterText,
    self: roster.self,
    others: roster.others,
  };
}
