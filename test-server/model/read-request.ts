// Reads a chat request as the parts a participant would hear: who it is, the table, what was
// said by whom, what the moderator said, and what it is asked to do now. roundtable's own layout
// (docs/request-example.md) is recognised by its markers, never by whole sentences, so that the
// engine may reword its guidance; any other request is read as plain conversation.
//
// The markers relied on:
//   system message: the persona first, then sections opened by a line `Context:`,
//     `At the table:` and `Instructions:` (any of them may be missing); in `At the table:`,
//     `You are NAME (FULL NAME).` and one `- NAME (FULL NAME)` line per other seat.
//   user messages: paragraphs (blank-line separated) opening with `NAME:` (a seat) or
//     `Moderator:`; a paragraph with no tag continues the one before. Assistant messages are the
//     seat's own turns.
//   the last paragraph, when it is the moderator's, is what this request asks for (the guidance).

import type { MessageReading } from './message-memo.js';
import { escapeRegExp } from './words.js';

export const MODERATOR = 'Moderator';

export interface Seat {
  readonly name: string;
  /** Equal to `name` when the roster gives no full name (introductions off). */
  readonly fullName: string;
}

/** One paragraph of the conversation as heard: a seat's turn or a moderator's line. */
export interface Unit {
  /** The seat's name; undefined for the moderator (and for untagged text of other clients). */
  readonly speaker: string | undefined;
  readonly moderator: boolean;
  /** The requesting seat's own turn (an assistant message). */
  readonly own: boolean;
  readonly text: string;
}

export interface TableParts {
  readonly persona: string;
  readonly context: string;
  readonly instructions: string;
  /** The `At the table:` section as written, names and all. */
  readonly roster: string;
  readonly self: Seat;
  readonly others: readonly Seat[];
}

export interface ReadRequest {
  /** Present when the request has roundtable's layout. */
  readonly table: TableParts | undefined;
  /** System and developer messages: instructions, never material. */
  readonly systemTexts: readonly string[];
  /** What was said, in order, without the final moderator line. */
  readonly units: readonly Unit[];
  /** The moderator's last line, when the request ends with one: what it is asked now. */
  readonly ask: string | undefined;
}

export interface MessageInput {
  readonly role: string;
  readonly text: string;
  /** What the text was read as before (MessageMemo): its turns are not read again. */
  readonly reading?: MessageReading | undefined;
}

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

/**
 * Patterns made, by the names they were made for. Every seat's requests list the names in an
 * order of their own (itself first), and a discussion's seats take turns: remembering only the
 * last pattern made one again, a sort, an escape per name and a RegExp, on nearly every request.
 * A pattern without the g or y flag keeps no state between uses, so one object serves all.
 */
const tagPatterns = new Map<string, RegExp>();
/** Tables' name lists remembered at most (a list is a few names). */
const TAG_PATTERNS = 64;

/** `Name:` at the start of a paragraph, for the moderator and every seat, longest name first. */
function tagPattern(names: readonly string[]): RegExp {
  // JSON's text of the list: two lists never share it, whatever their names hold.
  const key = JSON.stringify(names);
  let pattern = tagPatterns.get(key);
  if (pattern !== undefined) return pattern;
  // Names of one length in one order, whatever the list's: no two of them match at one place,
  // so the order changes nothing read, and every seat of a table gets the same pattern text, by
  // which a message's reading is kept (read once for the table, not once per seat).
  const alternation = [...names]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
    .map(escapeRegExp)
    .join('|');
  pattern = new RegExp(`^(${alternation}):[ \\t]*`, 'u');
  if (tagPatterns.size >= TAG_PATTERNS)
    tagPatterns.delete(tagPatterns.keys().next().value as string);
  tagPatterns.set(key, pattern);
  return pattern;
}

/** One message's turns: an assistant message is the seat's own; others are split by their tags. */
function readMessage(message: MessageInput, tag: RegExp, self: string | undefined): Unit[] {
  const units: Unit[] = [];
  const push = (unit: Unit) => {
    if (unit.text !== '' || unit.moderator) units.push(unit);
  };
  if (message.role === 'assistant') {
    push({ speaker: self, moderator: false, own: true, text: message.text.trim() });
    return units;
  }
  let current: { speaker: string | undefined; moderator: boolean; parts: string[] } | undefined;
  const flush = () => {
    if (current === undefined) return;
    const text = current.parts.join('\n\n').trim();
    push({ speaker: current.speaker, moderator: current.moderator, own: false, text });
    current = undefined;
  };
  for (const paragraph of message.text.split(/\n[ \t]*\n/)) {
    const match = tag.exec(paragraph.trimStart());
    if (match !== null) {
      flush();
      const speaker = match[1] ?? '';
      const moderator = speaker === MODERATOR;
      current = {
        speaker: moderator ? undefined : speaker,
        moderator,
        parts: [paragraph.trimStart().slice(match[0].length)],
      };
    } else if (current !== undefined) {
      current.parts.push(paragraph);
    } else {
      current = { speaker: undefined, moderator: false, parts: [paragraph] };
    }
  }
  flush();
  return units;
}

/**
 * A table's pattern, by its parts: a system message's reading keeps its parts (MessageMemo), so
 * a seat's every request finds the pattern without making the key of its names again.
 */
const tablePatterns = new WeakMap<TableParts, RegExp>();

function tablePattern(table: TableParts): RegExp {
  let pattern = tablePatterns.get(table);
  if (pattern === undefined) {
    pattern = tagPattern([MODERATOR, table.self.name, ...table.others.map((seat) => seat.name)]);
    tablePatterns.set(table, pattern);
  }
  return pattern;
}

function readTurns(
  messages: readonly MessageInput[],
  tag: RegExp,
  self: string | undefined,
): Unit[] {
  const units: Unit[] = [];
  for (const message of messages) {
    const { reading } = message;
    if (reading === undefined) {
      units.push(...readMessage(message, tag, self));
      continue;
    }
    // What a message reads as depends on the names that tag a turn, and for the seat's own
    // (assistant) messages on whose they are.
    const context = message.role === 'assistant' ? `\u0000${self ?? ''}` : tag.source;
    units.push(...reading.turns(context, () => readMessage(message, tag, self)));
  }
  return units;
}

function isInstructionRole(role: string): boolean {
  return role === 'system' || role === 'developer';
}

/** The first system message read as roundtable's layout: undefined when it is not. */
function readTable(system: string): TableParts | undefined {
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

/**
 * The parts of a chat request; see the markers at the top of this file. Messages that come with
 * their reading (a conversation's earlier turns, read for an earlier request) are not read again.
 */
export function readChat(messages: readonly MessageInput[]): ReadRequest {
  const systems = messages.filter((m) => isInstructionRole(m.role));
  const spoken = messages.filter((m) => !isInstructionRole(m.role));
  const system = systems[0];
  const first = system?.text ?? '';
  // Without a system message there is no layout to find (an empty text has no roster).
  const table =
    system === undefined
      ? undefined
      : system.reading === undefined
        ? readTable(first)
        : system.reading.table(() => readTable(first));
  const units =
    table === undefined
      ? readTurns(spoken, tagPattern([MODERATOR]), undefined)
      : readTurns(spoken, tablePattern(table), table.self.name);
  const last = units.at(-1);
  const lastMessage = spoken.at(-1);
  const asks = last?.moderator === true && lastMessage?.role === 'user';
  return {
    table,
    systemTexts: systems.map((m) => m.text),
    units: asks ? units.slice(0, -1) : units,
    ask: asks ? last?.text : undefined,
  };
}

/** A completion prompt: plain text, read as one unit of conversation. */
export function readPrompt(texts: readonly string[]): ReadRequest {
  return {
    table: undefined,
    systemTexts: [],
    units: texts.map((text) => ({ speaker: undefined, moderator: false, own: false, text })),
    ask: undefined,
  };
}
