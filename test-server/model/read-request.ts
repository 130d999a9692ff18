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
import { readTable } from './read-table.js';
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

/** `text.split(/\n[ \t]*\n/)` by a scan of its newlines (the pattern was tried at every character). */
export function paragraphsOf(text: string): string[] {
  const paragraphs: string[] = [];
  let from = 0;
  for (let at = text.indexOf('\n'); at !== -1; ) {
    let next = at + 1;
    while (text.charCodeAt(next) === 0x20 || text.charCodeAt(next) === 0x09) next++;
    if (text.charCodeAt(next) === 0x0a) {
      paragraphs.push(text.slice(from, at));
      from = next + 1;
      at = text.indexOf('\n', from);
    } else {
      at = text.indexOf('\n', at + 1);
    }
  }
  paragraphs.push(text.slice(from));
  return paragraphs;
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
  for (const paragraph of paragraphsOf(message.text)) {
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

/** Reads a spoken message's turns onto `units` (a message read before is not read again). */
function readInto(
  units: Unit[],
  message: MessageInput,
  tag: RegExp,
  self: string | undefined,
): void {
  const { reading } = message;
  if (reading === undefined) {
    units.push(...readMessage(message, tag, self));
    return;
  }
  // What a message reads as depends on the names that tag a turn, and for the seat's own
  // (assistant) messages on whose they are.
  const context = message.role === 'assistant' ? `\u0000${self ?? ''}` : tag.source;
  units.push(...reading.turns(context, () => readMessage(message, tag, self)));
}

function isInstructionRole(role: string): boolean {
  return role === 'system' || role === 'developer';
}

/**
 * A chat request as read, with what a request that repeats its first messages can carry on
 * from (see `readChatOn`).
 */
export interface ChatReading {
  readonly read: ReadRequest;
  /** Every unit read, the ask included. */
  readonly all: readonly Unit[];
  /** The units read from the first i messages, at i (one more entry than messages). */
  readonly unitsBefore: readonly number[];
  /** Past the last instruction (system or developer) message: 0 when there is none. */
  readonly instructionsEnd: number;
  readonly tag: RegExp;
  readonly self: string | undefined;
}

/** The request's parts from its units: the last one, the moderator's in a user message, asks. */
function finish(
  table: TableParts | undefined,
  systemTexts: readonly string[],
  all: readonly Unit[],
  lastSpokenRole: string | undefined,
): ReadRequest {
  const last = all.at(-1);
  const asks = last?.moderator === true && lastSpokenRole === 'user';
  return {
    table,
    systemTexts,
    units: asks ? all.slice(0, -1) : all,
    ask: asks ? last?.text : undefined,
  };
}

/**
 * The parts of a chat request; see the markers at the top of this file. Messages that come with
 * their reading (a conversation's earlier turns, read for an earlier request) are not read again.
 */
export function readChat(messages: readonly MessageInput[]): ReadRequest {
  return readChatWhole(messages).read;
}

export function readChatWhole(messages: readonly MessageInput[]): ChatReading {
  const systems = messages.filter((m) => isInstructionRole(m.role));
  const system = systems[0];
  const first = system?.text ?? '';
  // Without a system message there is no layout to find (an empty text has no roster).
  const table =
    system === undefined
      ? undefined
      : system.reading === undefined
        ? readTable(first)
        : system.reading.table(() => readTable(first));
  const tag = table === undefined ? tagPattern([MODERATOR]) : tablePattern(table);
  const self = table?.self.name;
  const all: Unit[] = [];
  const unitsBefore = [0];
  let instructionsEnd = 0;
  let lastSpokenRole: string | undefined;
  for (const [i, message] of messages.entries()) {
    if (isInstructionRole(message.role)) {
      instructionsEnd = i + 1;
    } else {
      readInto(all, message, tag, self);
      lastSpokenRole = message.role;
    }
    unitsBefore.push(all.length);
  }
  const read = finish(
    table,
    systems.map((m) => m.text),
    all,
    lastSpokenRole,
  );
  return { read, all, unitsBefore, instructionsEnd, tag, self };
}

/**
 * A chat request whose first `kept` messages are `previous`'s (the same roles and texts), read
 * on from it: only the messages after those (`added`) are read. What a request reads as depends
 * only on its messages, so this reads as `readChatWhole` would; undefined when it cannot carry
 * on (no message added, an instruction message among them, or one of `previous`'s left out),
 * and the request is read whole.
 */
export function readChatOn(
  previous: ChatReading,
  kept: number,
  added: readonly MessageInput[],
): ChatReading | undefined {
  if (kept < previous.instructionsEnd || kept >= previous.unitsBefore.length || added.length === 0)
    return undefined;
  for (const message of added) if (isInstructionRole(message.role)) return undefined;
  const { tag, self } = previous;
  const all = previous.all.slice(0, previous.unitsBefore[kept]);
  const unitsBefore = previous.unitsBefore.slice(0, kept + 1);
  for (const message of added) {
    readInto(all, message, tag, self);
    unitsBefore.push(all.length);
  }
  const read = finish(previous.read.table, previous.read.systemTexts, all, added.at(-1)?.role);
  return { read, all, unitsBefore, instructionsEnd: previous.instructionsEnd, tag, self };
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
