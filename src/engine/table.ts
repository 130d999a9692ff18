import type { FloorRule, PhaseSpec, SpeakerPolicy } from './phases/spec.js';

/** A seat at the table, as loaded from `participants/roleN.json` (or `.md`). */
export interface Participant {
  /** 1-based seat number: the N of roleN. */
  readonly seat: number;
  /** Short name used for name tags and mentions. */
  readonly name: string;
  readonly fullName: string;
  /** 0–1; mapped to a temperature through `EngineSettings.temperature`. */
  readonly creativity: number;
  readonly prompt: string;
  readonly color?: string | undefined;
  readonly model?: string | undefined;
  readonly maxTokens?: number | undefined;
  /** Named endpoint this seat talks to (mixed tables); the table default otherwise. */
  readonly endpoint?: string | undefined;
  /** A person takes this seat instead of a model. */
  readonly human?: boolean | undefined;
  /** What they are at the table, e.g. "Town treasurer" (the `# Role: Name` heading of a .md persona). */
  readonly role?: string | undefined;
  /** The language they speak, as written in the persona, e.g. "fi" or "Finnish". */
  readonly language?: string | undefined;
  /** As written in the persona, e.g. "female". */
  readonly gender?: string | undefined;
  /**
   * The side this seat argues in a debate ("for", "against", any name). Two values are seats of
   * their own: `judge` decides a debate and `chair` synthesizes a council; they sit out the
   * other phases of a format that uses them.
   */
  readonly side?: string | undefined;
  /**
   * Opt-in: before a discussion the seat is given a note of its own positions and the table's
   * outcomes in earlier runs on related questions (see `SeatMemory`), as a `seat-memory` event.
   */
  readonly memory?: boolean | undefined;
}

export interface Task {
  readonly context: string;
  readonly instructions: string;
  /** Non-empty, comments and blank lines already removed. */
  readonly questions: readonly string[];
  /**
   * The options each question lists (`Question? | a | b` in questions.txt), parallel to
   * `questions`, empty for a question without; absent when no question lists any.
   */
  readonly options?: readonly (readonly string[])[] | undefined;
  /** The summarizer's instruction (task/summarize.txt or the built-in default). */
  readonly summarize: string;
}

export interface Table {
  readonly participants: readonly Participant[];
  readonly task: Task;
}

/** The settings the engine itself reads; endpoint and I/O settings live elsewhere. */
export interface EngineSettings {
  readonly turns: number;
  readonly wrapUpTurns: number;
  /** Average number of turns between topic changes (probability 1/n per turn). */
  readonly topicChangeEvery: number;
  /** Average number of turns between "invite the others' opinions" directives (never the last). */
  readonly askOpinionEvery: number;
  readonly introductions: boolean;
  readonly summary: boolean;
  readonly seed: number;
  /** Default reply budget in tokens; a seat's own `maxTokens` wins. */
  readonly maxTokens: number;
  /** creativity 0 maps to `min`, creativity 1 to `max`, linearly. */
  readonly temperature: { readonly min: number; readonly max: number };
  /**
   * After a turn fails for good (the client has already retried): `skip` lets the next speaker
   * go on, `stop` ends the discussion cleanly. Default `skip`. A fatal error (bad key, unknown
   * model) or three failed turns in a row end it either way.
   */
  readonly onError?: 'skip' | 'stop' | undefined;
  /**
   * The phases the discussion runs through, by name (see `formats.ts`); default `roundtable`.
   * Absent from transcripts made before formats existed, which ran the roundtable format.
   */
  readonly format?: string | undefined;
  /** The table's own phases (config `phases`); they replace the format's. */
  readonly phases?: readonly PhaseSpec[] | undefined;
  /** Rounds of a `rounds` phase that sets none. Default 2. */
  readonly rounds?: number | undefined;
  /** The roundtable format closes with each seat's final position before the summary. */
  readonly closing?: boolean | undefined;
  /**
   * Who speaks next in a discussion phase when nobody was named. Default `original`: the
   * original project's rule exactly (random, no guards, no control words), so tables and seeds
   * from before these settings give the same discussion.
   */
  readonly speakerPolicy?: SpeakerPolicy | undefined;
  /**
   * Who a reply gives the floor to: `named` (default), the participant it names last; `addressed`,
   * the one it speaks to last (see address.ts), and a seat only spoken of is noted as passed over.
   */
  readonly floor?: FloorRule | undefined;
  /** Ping-pong guard: the same two seats alternate at most this many turns in a row; 0 off. */
  readonly pingPongLimit?: number | undefined;
  /** Domination guard: at most this many times a seat's fair share over 2 × seats turns; 0 off. */
  readonly dominationLimit?: number | undefined;
  /** Silence guard: no seat waits more than this many × seats turns (and each speaks by turn seats + 1); 0 off. */
  readonly silenceLimit?: number | undefined;
  /** Repetition guard: word-shingle similarity from which a reply counts as a repeat; 0 off. */
  readonly repeatThreshold?: number | undefined;
  /** `flag` marks a repeat; `regenerate` also asks the turn again, once. */
  readonly onRepeat?: 'flag' | 'regenerate' | undefined;
  /** Participants may end a reply with `[pass]`, `[leave]` or `[end]` (the instructions say so). */
  readonly controlWords?: boolean | undefined;
  /** The LLM moderator's endpoint and model (speaker policy `moderator`); the table default otherwise. */
  readonly moderator?:
    | { readonly endpoint?: string | undefined; readonly model?: string | undefined }
    | undefined;
  /** How seats vote on questions with options (default ranked). */
  readonly vote?: 'ranked' | 'approval' | 'score' | undefined;
  /** The share of the voting seats that must hold the outcome for consensus (default 0.75). */
  readonly consensusThreshold?: number | undefined;
  /** `consensus`: the discussion ends once a consensus check finds consensus on every question with options. */
  readonly stopWhen?: 'turns' | 'consensus' | undefined;
  /** Discussion turns between consensus checks (default 4). */
  readonly consensusCheckEvery?: number | undefined;
  /** Tokens the whole run may spend: the moderator wraps up so that closing and summary still fit. */
  readonly budgetTokens?: number | undefined;
  /** US dollars the whole run may spend (every model must have a known price). */
  readonly budgetUsd?: number | undefined;
}
