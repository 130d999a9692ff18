// What each setting is, in words: the help text, the README table and the error messages say
// these. The flag and environment names are derived from the key (setting-descriptors.ts).
import { FORMAT_NAMES } from '../engine/formats.js';
import { FLOOR_RULES, SPEAKER_POLICIES } from '../engine/phases/spec.js';
import { VOTE_METHODS } from '../outcome/ballots.js';
import { PRESET_NAMES } from './endpoint-presets.js';
import type { SettingDescriptor } from './setting-descriptors.js';
import {
  CONTEXT_STRATEGIES,
  MAX_TURNS,
  ON_ERROR_CHOICES,
  type SettingKey,
  STOP_WHEN_CHOICES,
} from './setting-schemas.js';

export type SettingSpec = Omit<
  SettingDescriptor,
  'key' | 'flag' | 'env' | 'defaultText' | 'argument'
> & {
  readonly defaultText?: string;
  readonly argument?: string;
  /** Extra environment variables after ROUNDTABLE_<KEY>. */
  readonly alsoEnv?: readonly string[];
};

export const SETTING_SPECS: { readonly [K in SettingKey]: SettingSpec } = {
  turns: {
    kind: 'integer',
    argument: '<n>',
    description: 'Number of discussion turns before the summary.',
    expected: `a whole number from 1 to ${MAX_TURNS}`,
  },
  wrapUpTurns: {
    kind: 'integer',
    argument: '<n>',
    description: 'How many of the last turns carry the "time to wrap up" directive.',
    expected: 'a whole number ≥ 0',
  },
  topicChangeEvery: {
    kind: 'number',
    argument: '<n>',
    description:
      'Average number of turns between topic changes: each turn draws a move with probability 1/n; it waits while a named participant answers and until the topic has had two turns (a move drawn while one waits is kept, two at most), and is dropped on wrap-up turns.',
    expected: 'a number ≥ 1',
  },
  askOpinionEvery: {
    kind: 'number',
    argument: '<n>',
    description:
      'Average number of turns between "invite the others\' opinions" directives (probability 1/n; never on the last turn, which nobody could answer).',
    expected: 'a number ≥ 1',
  },
  introductions: {
    kind: 'boolean',
    description: 'The table is introduced (who is seated, the first topic) before the first turn.',
    expected: 'true or false',
  },
  summary: {
    kind: 'boolean',
    description:
      'After the last turn, the participant with the most turns summarizes the discussion.',
    expected: 'true or false',
  },
  seed: {
    kind: 'integer',
    argument: '<n>',
    defaultText: 'random',
    description:
      'Seed for every random choice (speakers, topics, directives). Same seed and same replies give the same discussion; the seed used is recorded in the transcript.',
    expected: 'a whole number from 0 to 4294967295',
  },
  maxTokens: {
    kind: 'integer',
    argument: '<n>',
    description: "Reply budget per turn in tokens; a role file's max_tokens wins.",
    expected: 'a whole number ≥ 1',
  },
  endpoint: {
    kind: 'text',
    argument: '<name>',
    defaultText: 'see description',
    description: `The table's default endpoint, for seats whose role file names none: a preset (${PRESET_NAMES.join(', ')}) or a name from "endpoints" in the config file. When unset: the baseUrl endpoint if baseUrl is set, else openai if OPENAI_API_KEY is set, else markov (offline).`,
    expected: 'an endpoint name such as "ollama" (letters, digits, "-", "_", ".")',
  },
  model: {
    kind: 'text',
    argument: '<name>',
    defaultText: 'per endpoint',
    description:
      "Model for seats that name none and whose endpoint entry names none; beats the presets' default models.",
    expected: 'a model name',
  },
  baseUrl: {
    kind: 'text',
    argument: '<url>',
    defaultText: 'see description',
    alsoEnv: ['OPENAI_BASE_URL'],
    description:
      'OpenAI-compatible API base URL, including /v1: the endpoint named "default", which becomes the table\'s default endpoint unless the endpoint setting names another. Its key, if any, comes from OPENAI_API_KEY.',
    expected: 'an http(s) URL such as http://localhost:8000/v1',
  },
  timeout: {
    kind: 'number',
    argument: '<seconds>',
    description:
      'Seconds one reply may take in all, from the request to its last token. A reply still streaming then is cut off (what arrived is kept and marked); one that has not begun is abandoned and retried.',
    expected: 'a number of seconds > 0',
  },
  stallTimeout: {
    kind: 'number',
    argument: '<seconds>',
    description: 'Seconds without a new token before a streaming reply counts as stalled.',
    expected: 'a number of seconds > 0',
  },
  retries: {
    kind: 'integer',
    argument: '<n>',
    description:
      'Retries of a failed request (429, 5xx, connection errors, timeouts), with backoff.',
    expected: 'a whole number ≥ 0',
  },
  temperatureMin: {
    kind: 'number',
    argument: '<t>',
    description: 'Temperature for creativity 0; creativity c maps to min + c × (max − min).',
    expected: 'a number from 0 to 2',
  },
  temperatureMax: {
    kind: 'number',
    argument: '<t>',
    description: 'Temperature for creativity 1.',
    expected: 'a number from 0 to 2',
  },
  onError: {
    kind: 'choice',
    argument: '<skip|stop>',
    choices: ON_ERROR_CHOICES,
    description:
      'When a turn still fails after its retries: "skip" goes on with the next speaker, "stop" ends the discussion cleanly.',
    expected: '"skip" or "stop"',
  },
  contextTokens: {
    kind: 'integer',
    argument: '<n>',
    defaultText: 'per endpoint',
    description:
      "Context window in tokens for seats whose endpoint sets none. Before each request the oldest turns are dropped so that system message + history + guidance + the reply's maxTokens fit; unset means no limit.",
    expected: 'a whole number ≥ 1',
  },
  contextStrategy: {
    kind: 'choice',
    argument: '<drop-oldest|summarize>',
    choices: CONTEXT_STRATEGIES,
    description:
      'What happens to turns that no longer fit the window: "drop-oldest" leaves them out; "summarize" has the seat\'s model keep a short running summary of them.',
    expected: '"drop-oldest" or "summarize"',
  },
  format: {
    kind: 'choice',
    argument: `<${FORMAT_NAMES.join('|')}>`,
    choices: FORMAT_NAMES,
    description:
      'The phases the discussion runs through: "roundtable" (free turns, then the summary), "debate" (sides by role field side: opening statements, alternating rebuttals, closing statements, a judge\'s verdict), "council" (answers, anonymous peer review, the chair\'s synthesis), "rounds" (every seat answers at once, each round hearing the last). A config file\'s "phases" replace the format\'s.',
    expected: FORMAT_NAMES.map((name) => `"${name}"`).join(', '),
  },
  rounds: {
    kind: 'integer',
    argument: '<n>',
    description:
      'Rounds of a rounds phase (the rounds format): in each, every seat answers at once, having heard all of the previous round.',
    expected: 'a whole number from 1 to 20',
  },
  closing: {
    kind: 'boolean',
    description:
      'The roundtable format ends with every seat stating its final position, at once, before the summary.',
    expected: 'true or false',
  },
  vote: {
    kind: 'choice',
    argument: '<ranked|approval|score>',
    choices: VOTE_METHODS,
    description:
      'How seats vote on a question that lists options (`Question? | a | b` in questions.txt): "ranked" orders them all (Condorcet winner, else Borda count), "approval" names every acceptable one, "score" rates each 0–10.',
    expected: '"ranked", "approval" or "score"',
  },
  stopWhen: {
    kind: 'choice',
    argument: '<turns|consensus>',
    choices: STOP_WHEN_CHOICES,
    description:
      '"consensus": every consensusCheckEvery discussion turns the seats are asked for their positions (not heard by the table), and the discussion ends once every question with options has consensus. Needs a question with options.',
    expected: '"turns" or "consensus"',
  },
  consensusThreshold: {
    kind: 'number',
    argument: '<share>',
    description:
      'Consensus on a question: at least this share of the seats that voted hold the outcome (and there is one: a tie is none).',
    expected: 'a number above 0.5 and at most 1',
  },
  consensusCheckEvery: {
    kind: 'integer',
    argument: '<n>',
    description: 'With stopWhen consensus: discussion turns between consensus checks.',
    expected: 'a whole number ≥ 1',
  },
  budgetTokens: {
    kind: 'integer',
    argument: '<n>',
    defaultText: 'none',
    description:
      'Tokens (prompt + completion) the whole run may spend. The moderator starts the wrap-up early enough that the closing positions and the summary still fit; the run ends within the budget plus one reply. A budget smaller than the end itself is refused (roundtable plan shows the least).',
    expected: 'a whole number ≥ 1',
  },
  budgetUsd: {
    kind: 'number',
    argument: '<usd>',
    defaultText: 'none',
    description:
      'US dollars the whole run may spend, kept like budgetTokens; every model needs a known price (see prices).',
    expected: 'a number of US dollars > 0',
  },
  speakerPolicy: {
    kind: 'choice',
    argument: `<${SPEAKER_POLICIES.join('|')}>`,
    choices: SPEAKER_POLICIES,
    description:
      'Who speaks next when nobody was named: "fair" (whoever spoke least and longest ago; what roundtable init writes), "random", "round-robin", "moderator" (an LLM chooses, with a reason; config "moderator" picks its endpoint and model), "bid" (each seat bids 0–9, the highest speaks). The guards and control words hold in every policy but "original": the original project\'s rule exactly (random, unguarded), which tables without this setting keep, so their seeds give the same discussion.',
    expected: SPEAKER_POLICIES.map((p) => `"${p}"`).join(', '),
  },
  floor: {
    kind: 'choice',
    argument: `<${FLOOR_RULES.join('|')}>`,
    choices: FLOOR_RULES,
    description:
      'Who a reply gives the floor to: "named" (the participant it names last, by name or @name) or "addressed" (the one it speaks to last: an @name, a vocative such as "Margit, what do you think?" or "…, Margit?", a question about them put to the table, a request to hear from them; one only spoken of, as in "Margit knows what I mean.", does not take the next turn, and that turn notes "Margit named in passing").',
    expected: FLOOR_RULES.map((r) => `"${r}"`).join(', '),
  },
  pingPongLimit: {
    kind: 'integer',
    argument: '<n>',
    description:
      "Ping-pong guard: the same two seats alternate at most n turns in a row (mentions start such runs; a policy's draw may carry one on); then the floor goes to someone else. 0 turns it off.",
    expected: 'a whole number ≥ 0',
  },
  dominationLimit: {
    kind: 'number',
    argument: '<x>',
    description:
      'Domination guard: over any 2 × seats turns no seat holds more than x times its fair share, unless a person or the moderator gave it the floor. 0 turns it off.',
    expected: 'a number ≥ 0',
  },
  silenceLimit: {
    kind: 'number',
    argument: '<x>',
    description:
      "Silence guard: every seat speaks by turn seats + 1, and none waits more than x × seats turns; a seat named in the last reply answers first, 2 turns more at most. In a debate it counts each side's turns and seats on its own: every seat speaks by its side's turn seats, or 1 side turn later when it waits for a named seat. 0 turns it off.",
    expected: 'a number ≥ 0',
  },
  repeatThreshold: {
    kind: 'number',
    argument: '<0-1>',
    description:
      "Repetition guard: a reply sharing at least this share of its word 3-grams with one of the last 10 turns is marked a repeat, and the seat's next guidance asks for a new point. 0 turns it off.",
    expected: 'a number from 0 to 1',
  },
  onRepeat: {
    kind: 'choice',
    argument: '<flag|regenerate>',
    choices: ['flag', 'regenerate'],
    description:
      'What a repeat does: "flag" marks it; "regenerate" also withdraws it and asks the turn again, once.',
    expected: '"flag" or "regenerate"',
  },
  controlWords: {
    kind: 'boolean',
    description:
      'Participants are told they may end a reply with [pass] (yield the floor), [leave] (leave the table for good) or [end] (propose to end; a majority or the moderator decides).',
    expected: 'true or false',
  },
  timeLimit: {
    kind: 'number',
    argument: '<seconds>',
    defaultText: 'none',
    description:
      'Wall-clock limit of a run: when it is reached the discussion wraps up (the closing phases, then the end).',
    expected: 'a number of seconds > 0',
  },
  maxFileBytes: {
    kind: 'integer',
    argument: '<n>',
    defaultText: '1048576 (1 MB)',
    description:
      'Largest table file (role, task or config file) that is read, in bytes; a larger one is refused before it is read. Raise it for a rare larger context. Set it with the flag or the environment to apply it to roundtable.config.json itself.',
    expected: 'a whole number of bytes ≥ 1',
  },
};
