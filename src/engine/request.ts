// Builds what a seat is asked, from its own point of view. Pure functions of their inputs, so a
// later step (a context budget, say) can sit between the history and the request.
import { MODERATOR } from './clean-reply.js';
import { CONTROL_WORDS_TEXT } from './control-words.js';
import type { Directive, TopicRef } from './events.js';
import { phasesFor } from './formats.js';
import { appendMerged } from './history.js';
import type { ChatMessage, ModelRequest } from './model.js';
import type { EngineSettings, Participant, Table } from './table.js';

/** What the moderator tells the speaker this turn; sent last and never kept in the history. */
export interface TurnGuidance {
  readonly turn: number;
  readonly turns: number;
  readonly topic: TopicRef;
  /** The topic changed right before this turn. */
  readonly topicChanged: boolean;
  readonly directives: readonly Directive[];
  /** Turns left after this one. */
  readonly turnsLeft: number;
  /** The speaker's first turn, with introductions on: it introduces itself. */
  readonly introduce: boolean;
  /** The moderator's steer, a request for a new point: lines of their own before the last one. */
  readonly notes?: readonly string[] | undefined;
  /**
   * When the floor alternates between sides: the names of the side that speaks next, whom an
   * invitation asks (the speaker's own side cannot answer it next).
   */
  readonly otherSide?: readonly string[] | undefined;
}

/** min + creativity·(max − min), rounded to 4 decimals so requests carry no float noise. */
export function temperatureFor(participant: Participant, settings: EngineSettings): number {
  const { min, max } = settings.temperature;
  return Math.round((min + participant.creativity * (max - min)) * 1e4) / 1e4;
}

export function maxTokensFor(participant: Participant, settings: EngineSettings): number {
  return participant.maxTokens ?? settings.maxTokens;
}

function describeSeat(participant: Participant, fullNames: boolean): string {
  return fullNames && participant.fullName.trim() !== participant.name.trim()
    ? `${participant.name} (${participant.fullName})`
    : participant.name;
}

/**
 * The seat's memory of earlier runs, after everything else in its system message, marked as its
 * own notes so that it is not mistaken for what is being said at this table.
 */
export function withMemory(system: string, note: string | undefined): string {
  if (note === undefined || note.trim() === '') return system;
  return `${system}\n\n${section('Your memory of earlier discussions (your own notes from before; nobody at this table has said this)', note)}`;
}

/** Persona, context, who is at the table, instructions: the seat's constant system message. */
export function systemMessage(
  table: Table,
  settings: EngineSettings,
  participant: Participant,
): string {
  const fullNames = settings.introductions;
  const others = table.participants.filter((p) => p.seat !== participant.seat);
  const tableLines = [`You are ${describeSeat(participant, fullNames)}.`];
  if (others.length > 0) {
    const list = others.map((p) => `- ${describeSeat(p, fullNames)}`).join('\n');
    tableLines.push(`Also at the table:\n${list}`);
    tableLines.push(
      'A moderator guides the discussion. To hand the floor to someone, address them by name.',
    );
  }
  const side = sideLine(participant);
  if (side !== undefined) tableLines.push(side);
  const instructions = controlWordsOn(settings)
    ? `${table.task.instructions.trim()}\n${CONTROL_WORDS_TEXT}`.trim()
    : table.task.instructions;
  const sections = [
    participant.prompt.trim(),
    section('Context', table.task.context),
    `At the table:\n${tableLines.join('\n')}`,
    section('Instructions', instructions),
  ];
  return sections.filter((s) => s.length > 0).join('\n\n');
}

/**
 * Whether a discussion phase runs under a speaker policy other than `original`: then the guards
 * are on, and with them the control words (unless `controlWords` is off).
 */
export function moderated(settings: EngineSettings): boolean {
  if ((settings.speakerPolicy ?? 'original') !== 'original') return true;
  return phasesFor(settings).some(
    (phase) =>
      phase.kind === 'discussion' &&
      phase.speakerPolicy !== undefined &&
      phase.speakerPolicy !== 'original',
  );
}

export function controlWordsOn(settings: EngineSettings): boolean {
  return settings.controlWords !== false && moderated(settings);
}

function sideLine(participant: Participant): string | undefined {
  const side = participant.side?.trim();
  if (side === undefined || side === '') return undefined;
  switch (side.toLowerCase()) {
    case 'judge':
      return 'You are the judge: you do not argue a side; at the end you give the verdict.';
    case 'chair':
      return 'You are the chair: you do not answer yourself; at the end you synthesize the answers.';
    default:
      return `Your side: ${side}.`;
  }
}

/** Persona, context and instructions without the roster: a request that must name no other seat. */
export function anonymousSystemMessage(table: Table, participant: Participant): string {
  const sections = [
    participant.prompt.trim(),
    section('Context', table.task.context),
    section('Instructions', table.task.instructions),
  ];
  return sections.filter((s) => s.length > 0).join('\n\n');
}

function section(title: string, body: string): string {
  const text = body.trim();
  return text.length === 0 ? '' : `${title}:\n${text}`;
}

/** The moderator's opening line, the first thing everyone hears: it announces the first topic. */
export function openingText(settings: EngineSettings, topic: TopicRef): string {
  return settings.introductions
    ? `Welcome to the table, everyone. Introduce yourselves briefly when you first speak. Our first topic: ${topic.text}`
    : `Our first topic: ${topic.text}`;
}

/** The moderator's note in the history when the topic changes. */
export function topicChangeText(topic: TopicRef): string {
  return `New topic: ${topic.text}`;
}

export function guidanceText(participant: Participant, guidance: TurnGuidance): string {
  const left =
    guidance.turnsLeft === 0
      ? 'the last turn'
      : `${guidance.turnsLeft} ${guidance.turnsLeft === 1 ? 'turn' : 'turns'} left after this one`;
  const lines = [
    `${MODERATOR}: ${participant.name}, the floor is yours (turn ${guidance.turn} of ${guidance.turns}, ${left}).`,
    `${guidance.topicChanged ? 'New topic' : 'Topic'}: ${guidance.topic.text}`,
  ];
  if (guidance.introduce) {
    lines.push(
      'This is your first turn: introduce yourself in a sentence, then speak to the topic.',
    );
  }
  for (const directive of guidance.directives) {
    lines.push(directiveText(directive, guidance.otherSide));
  }
  for (const note of guidance.notes ?? []) lines.push(note);
  lines.push('Speak only for yourself: no name tag, and no lines for anyone else.');
  return lines.join('\n');
}

function directiveText(directive: Directive, otherSide: readonly string[] | undefined): string {
  switch (directive) {
    case 'invite-opinions':
      if (otherSide === undefined || otherSide.length === 0) {
        return "Invite the others' opinions: ask one or more of them, by name, what they think.";
      }
      return otherSide.length === 1
        ? `Invite the other side's opinion: ask ${otherSide[0]}, by name, what they think.`
        : `Invite the other side's opinions: ask one or more of them (${otherSide.join(', ')}), by name, what they think.`;
    case 'wrap-up':
      return 'Time to wrap up: draw your points together; no new threads.';
  }
}

export function summaryText(summarize: string): string {
  return `${MODERATOR}: ${summarize.trim()}`;
}

/**
 * System message, then the conversation, then `last` (a user message), merged so roles
 * alternate. The first message after the system one is always `user`: a conversation that
 * opens with the seat's own turn (its history trimmed by a budget, say) gets a moderator line.
 */
export function assemble(
  system: string,
  conversation: readonly ChatMessage[],
  last: string,
): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: system }];
  if (conversation[0]?.role === 'assistant') {
    messages.push({ role: 'user', content: `${MODERATOR}: The discussion so far.` });
  }
  // Copying keeps the request immune to later growth of the seat's live conversation array.
  for (const message of conversation) appendMerged(messages, message);
  appendMerged(messages, { role: 'user', content: last });
  return messages;
}

export interface TurnRequestInput {
  readonly table: Table;
  readonly settings: EngineSettings;
  readonly participant: Participant;
  /** The history from this seat's point of view (see `seatConversation`). */
  readonly conversation: readonly ChatMessage[];
  readonly guidance: TurnGuidance;
  /** A precomputed `systemMessage(table, settings, participant)`. */
  readonly system?: string | undefined;
}

export function buildTurnRequest(input: TurnRequestInput): ModelRequest {
  const { table, settings, participant } = input;
  const system = input.system ?? systemMessage(table, settings, participant);
  const guidance = guidanceText(participant, input.guidance);
  return seatRequest(settings, participant, 'turn', assemble(system, input.conversation, guidance));
}

export interface SummaryRequestInput {
  readonly table: Table;
  readonly settings: EngineSettings;
  readonly participant: Participant;
  readonly conversation: readonly ChatMessage[];
  readonly system?: string | undefined;
  /** The instruction, when not task/summarize.txt (a judge's verdict, a chair's synthesis). */
  readonly instruction?: string | undefined;
}

/** The summarizer's own request: its persona, the whole discussion, the summarize instruction. */
export function buildSummaryRequest(input: SummaryRequestInput): ModelRequest {
  const { table, settings, participant } = input;
  const system = input.system ?? systemMessage(table, settings, participant);
  const instruction = summaryText(input.instruction ?? table.task.summarize);
  return seatRequest(
    settings,
    participant,
    'summary',
    assemble(system, input.conversation, instruction),
  );
}

/** What every request of a seat carries besides its messages: who, which model, how hot, how long. */
export function seatRequest(
  settings: EngineSettings,
  participant: Participant,
  purpose: ModelRequest['purpose'],
  messages: readonly ChatMessage[],
): ModelRequest {
  return {
    seat: participant.seat,
    speaker: participant.name,
    purpose,
    model: participant.model,
    endpoint: participant.endpoint,
    messages,
    temperature: temperatureFor(participant, settings),
    maxTokens: maxTokensFor(participant, settings),
  };
}
