// markov-chains 1.0.2 ships Babel-compiled CommonJS without types. Only what we use is declared.
declare module 'markov-chains' {
  /** One possible next item of a state, with how often it followed that state in the corpus. */
  export interface Follower<T> {
    readonly value: T | '@@MARKOV_CHAIN_END';
    readonly count: number;
  }

  export default class Chain<T> {
    /** From a corpus of runs, or from a model (as `toJSON` gives it, in Maps again). */
    constructor(
      corpusOrModel: readonly (readonly T[])[] | Map<string, Map<string, Follower<T>>>,
      options?: { stateSize?: number },
    );
    readonly stateSize: number;
    /** State key (JSON of the serialized state) → follower key → follower. */
    readonly model: Map<string, Map<string, Follower<T>>>;
    /** The model as [stateKey, [followerKey, follower][]][], for JSON.stringify. */
    toJSON(): [string, [string, Follower<T>][]][];
    move(fromState: readonly (T | '@@MARKOV_CHAIN_BEGIN')[]): T | '@@MARKOV_CHAIN_END' | undefined;
    walk(beginState?: readonly T[]): T[];
  }
}
