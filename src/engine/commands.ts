/** What a person (or a script) can tell a running discussion; applied at safe points by the engine. */
export type Command =
  /** End the turn being spoken now; it is kept as far as it got. */
  | { readonly type: 'skip' }
  | { readonly type: 'next-topic' }
  /** A 1-based question number, or free text that becomes a new topic. */
  | { readonly type: 'set-topic'; readonly topic: number | string }
  /** Go straight to the summary, then end. */
  | { readonly type: 'wrap-up' }
  /** Finish cleanly after the current turn, without a summary. */
  | { readonly type: 'stop' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  /** The moderator speaks; everyone hears it after the current turn. `@Name` gives Name the floor. */
  | { readonly type: 'interject'; readonly text: string }
  /** Give the floor to this participant next. */
  | { readonly type: 'ask'; readonly name: string }
  /**
   * The wall-clock limit (`timeLimit`) is reached: like wrap-up, the closing phases come next.
   * Sent by the session's timer, since the engine keeps no clock.
   */
  | { readonly type: 'time-up' };
