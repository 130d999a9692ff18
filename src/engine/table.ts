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
  /** Average number of turns between "invite the others' opinions" directives. */
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
  /** How seats vote on questions with options (default ranked). */
  readonly vote?: 'ranked' | 'approval' | 'score' | undefined;
}
